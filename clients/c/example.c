/* libferry from C: open a bundle, print its facts, predict its golden inputs, and show that bad
 * input is an error code, never a crash. Run by scripts/test-c-example in make test. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferry.h"

static int failures = 0;

static void check(int condition, const char *what) {
    printf("%s %s\n", condition ? "ok  " : "FAIL", what);
    if (!condition) failures++;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: example BUNDLE.tar.gz\n");
        return 64;
    }
    check(ferry_abi_version() == FERRY_ABI_VERSION, "the library's ABI version is the header's");
    printf("libferry %s\n", ferry_version());

    ferry_model *model = NULL;
    char *error = NULL;
    int status = ferry_open_path(argv[1], NULL, 0, &model, &error);
    check(status == FERRY_OK && model != NULL, "the bundle opens, verified");
    if (status != FERRY_OK) {
        fprintf(stderr, "%s\n", error ? error : "?");
        ferry_string_free(error);
        return 1;
    }
    char *info = ferry_model_info_json(model);
    check(info != NULL && strstr(info, "\"name\":\"SPX-lasso\"") != NULL, "its facts name the model");
    printf("%.120s...\n", info ? info : "(null)");
    ferry_string_free(info);

    /* One row with a single feature: the other 38 are filled with 0 and reported. */
    const char *columns[] = {"sma_5"};
    double values[] = {2500.0};
    double prediction = NAN;
    char *warnings = NULL;
    status = ferry_predict(model, columns, 1, values, 1, 0, &prediction, &warnings, &error);
    check(status == FERRY_OK && isfinite(prediction), "a row with one feature predicts");
    check(warnings != NULL && strstr(warnings, "38 of 39 features missing") != NULL, "and says what was filled");
    ferry_string_free(warnings);

    status = ferry_predict(model, columns, 1, values, 1, 1, &prediction, NULL, &error);
    check(status == FERRY_INVALID_DATA && error != NULL && strstr(error, "rsi_14") != NULL, "strict mode refuses it, naming what is missing");
    ferry_string_free(error);
    error = NULL;

    check(ferry_predict(NULL, columns, 1, values, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT, "a NULL handle is an error");
    check(ferry_predict(model, NULL, 1, values, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT, "NULL columns are an error");
    check(ferry_predict(model, columns, 1, values, (size_t)1 << 62, 0, &prediction, NULL, NULL) == FERRY_INVALID_ARGUMENT,
          "a row count past the limit is an error, not an overflow");
    double nan_row[] = {NAN};
    check(ferry_predict(model, columns, 1, nan_row, 1, 0, &prediction, NULL, NULL) == FERRY_INVALID_DATA, "a NaN cell is an error");

    ferry_model *missing = NULL;
    status = ferry_open_path("/no/such/bundle.tar.gz", NULL, 0, &missing, &error);
    check(status == FERRY_NOT_FOUND && missing == NULL && error != NULL, "a missing bundle is not found");
    ferry_string_free(error);
    error = NULL;
    const uint8_t garbage[] = {0x1f, 0x8b, 0x08, 0x00, 0x00};
    check(ferry_open_bytes(garbage, sizeof garbage, NULL, 0, &missing, NULL) == FERRY_INTEGRITY, "truncated bytes fail integrity");
    check(ferry_open_path(argv[1], NULL, 1, &missing, NULL) == FERRY_AUTHENTICITY, "an unsigned bundle fails when a signature is required");
    check(ferry_open_path(NULL, NULL, 0, &missing, NULL) == FERRY_INVALID_ARGUMENT, "a NULL path is an error");

    ferry_model_close(model);
    ferry_model_close(NULL);
    printf("%d passed, %d failed\n", 14 - failures, failures);
    return failures == 0 ? 0 : 1;
}
