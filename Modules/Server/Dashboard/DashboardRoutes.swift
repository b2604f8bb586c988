import Hummingbird

/// `GET /`: the dashboard's page. It holds no data: it asks for a token and reads everything
/// through the API with it.
struct DashboardRoutes {
    func add(to router: Router<FerryRequestContext>) {
        router.get("/") { _, _ -> Response in JSONResponse.text(DashboardPage.html, contentType: "text/html; charset=utf-8") }
    }
}
