/// The dashboard: one self-contained page (no external scripts or styles). Models as
/// green/yellow/red tiles with the metric that set each; the selected model's metric history
/// against its thresholds; drift per feature (the share of served values outside the training
/// range); its recent predictions; a scenario panel whose sliders (one per
/// feature, over its training range) ask the API for live predictions. With `#selftest` in the
/// address it moves the first slider itself and records whether the prediction changed in
/// `<body data-selftest>` (scripts/test-dashboard reads it in headless Chromium).
enum DashboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Ferry dashboard</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2330; }
        header { background: #1d2330; color: #fff; padding: 10px 20px; display: flex; gap: 12px; align-items: center; }
        header h1 { font-size: 18px; margin: 0 16px 0 0; }
        header input { width: 420px; padding: 4px; }
        main { padding: 16px 20px; display: grid; gap: 16px; }
        .tiles { display: flex; gap: 12px; flex-wrap: wrap; }
        .tile { background: #fff; border-radius: 8px; padding: 12px 16px; min-width: 200px; cursor: pointer; border-left: 8px solid #999; box-shadow: 0 1px 2px #0002; }
        .tile.green { border-color: #2e9d4f; } .tile.yellow { border-color: #d9a400; } .tile.red { border-color: #d23c3c; } .tile.selected { outline: 2px solid #1d2330; }
        .tile b { display: block; font-size: 16px; } .muted { color: #667; font-size: 12px; }
        section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px #0002; }
        section h2 { font-size: 15px; margin: 0 0 8px; }
        .row { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; } td, th { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eee; }
        .sliders { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 4px 16px; max-height: 340px; overflow: auto; }
        .sliders label { display: grid; grid-template-columns: 130px 1fr 70px; gap: 6px; align-items: center; font-size: 12px; }
        #prediction { font-size: 28px; font-weight: 600; }
        #error { color: #d23c3c; }
        </style></head>
        <body>
        <header><h1>Ferry</h1><input id="token" type="password" placeholder="bearer token (ferry tokens create --role predict)"><button id="connect">Connect</button><span id="error"></span></header>
        <main>
          <div class="tiles" id="tiles"><span class="muted">Enter a token to see the registered models.</span></div>
          <div class="row">
            <section><h2>Metric history <span class="muted" id="history-note"></span></h2><svg id="history" width="100%" height="220"></svg></section>
            <section><h2>Scenario <span class="muted">move a feature; the API predicts live</span></h2>
              <div>prediction <span id="prediction">–</span> <span class="muted" id="served"></span></div>
              <div class="sliders" id="sliders"></div></section>
          </div>
          <div class="row">
            <section><h2>Drift per feature <span class="muted" id="drift-note"></span></h2><svg id="drift" width="100%" height="260"></svg></section>
            <section><h2>Recent predictions</h2><table id="recent"><thead><tr><th>when</th><th>version</th><th>variant</th><th>instrument</th><th>day</th><th>value</th><th>source</th></tr></thead><tbody></tbody></table></section>
          </div>
        </main>
        <script>
        "use strict";
        const state = { token: sessionStorage.getItem("ferryToken") || "", model: null, features: [], timer: null };
        const $ = (id) => document.getElementById(id);
        const selftest = location.hash.includes("selftest");
        const hashToken = new URLSearchParams(location.hash.slice(1)).get("token");
        if (hashToken) state.token = hashToken;
        $("token").value = state.token;

        async function api(path, options = {}) {
          const headers = Object.assign({ "Authorization": "Bearer " + state.token, "X-Ferry-Caller": "dashboard" }, options.headers || {});
          const response = await fetch(path, Object.assign({}, options, { headers }));
          const body = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(response.status + ": " + ((body.error && body.error.message) || response.statusText));
          return body;
        }
        function text(value, digits = 4) { return value === null || value === undefined ? "–" : Number(value).toPrecision(digits); }

        async function loadModels() {
          $("error").textContent = "";
          sessionStorage.setItem("ferryToken", state.token);
          const { models } = await api("/v1/models");
          const tiles = $("tiles"); tiles.innerHTML = "";
          if (!models.length) tiles.innerHTML = '<span class="muted">The registry is empty: ferry registry add BUNDLE.</span>';
          for (const model of models) {
            const monitoring = await api("/v1/models/" + encodeURIComponent(model.name) + "/monitoring").catch(() => ({ status: "unknown" }));
            const tile = document.createElement("div");
            tile.className = "tile " + monitoring.status;
            tile.dataset.model = model.name;
            const stage = model.versions.map((v) => v.version + " " + v.stage).join(", ");
            tile.innerHTML = "<b></b><div></div><div class='muted'></div>";
            tile.children[0].textContent = model.name;
            tile.children[1].textContent = monitoring.status + (monitoring.deciding_metric ? " · set by " + monitoring.deciding_metric : "");
            tile.children[2].textContent = stage + " · " + (monitoring.predictions_with_outcomes || 0) + " graded predictions";
            tile.onclick = () => selectModel(model.name, monitoring);
            tiles.appendChild(tile);
          }
          if (models.length) await selectModel(models[0].name, null);
        }

        async function selectModel(name, monitoring) {
          state.model = name;
          for (const tile of document.querySelectorAll(".tile")) tile.classList.toggle("selected", tile.dataset.model === name);
          const path = "/v1/models/" + encodeURIComponent(name);
          const [summary, recent, drift] = await Promise.all([api(path), api(path + "/predictions?limit=20"), api(path + "/drift")]);
          drawHistory(monitoring || await api(path + "/monitoring"));
          drawDrift(drift);
          drawRecent(recent.predictions);
          buildSliders(summary.features || []);
          await predict();
        }

        function drawHistory(monitoring) {
          const svg = $("history"), history = monitoring.history || [], limits = monitoring.thresholds || {};
          const width = svg.clientWidth || 500, height = 220, pad = 30;
          $("history-note").textContent = history.length ? "directional accuracy per " + history.length + " windows, with the green and red lines" : "no predictions with outcomes yet";
          const y = (v) => height - pad - v * (height - 2 * pad);
          const x = (i) => pad + (history.length < 2 ? 0 : i * (width - 2 * pad) / (history.length - 1));
          let content = "";
          for (const [key, color] of [["directional_accuracy_green", "#2e9d4f"], ["directional_accuracy_red", "#d23c3c"]]) {
            if (limits[key] !== undefined) content += `<line x1="${pad}" x2="${width - pad}" y1="${y(limits[key])}" y2="${y(limits[key])}" stroke="${color}" stroke-dasharray="4 3"/><text x="${width - pad + 2}" y="${y(limits[key]) + 4}" font-size="10">${limits[key]}</text>`;
          }
          const points = history.map((w, i) => `${x(i)},${y(w.directional_accuracy)}`).join(" ");
          if (points) content += `<polyline fill="none" stroke="#1d2330" stroke-width="2" points="${points}"/>`;
          content += `<text x="${pad}" y="14" font-size="11">directional accuracy (0–1)</text>`;
          svg.innerHTML = content;
        }

        function drawDrift(drift) {
          const svg = $("drift"), width = svg.clientWidth || 500, rows = drift.features.slice(0, 12), bar = 18, left = 140;
          $("drift-note").textContent = "share of " + drift.rows + " served rows outside the training range or missing, since " + drift.since;
          svg.innerHTML = rows.map((f, i) => {
            const w = Math.max(1, f.share * (width - left - 60)), color = f.share > 0.2 ? "#d23c3c" : f.share > 0.1 ? "#d9a400" : "#2e9d4f";
            return `<text x="0" y="${i * (bar + 2) + 13}" font-size="11">${f.name}</text><rect x="${left}" y="${i * (bar + 2)}" width="${w}" height="${bar}" fill="${color}"/><text x="${left + w + 4}" y="${i * (bar + 2) + 13}" font-size="11">${(100 * f.share).toFixed(0)}%</text>`;
          }).join("");
        }

        function drawRecent(predictions) {
          const body = $("recent").querySelector("tbody"); body.innerHTML = "";
          for (const p of predictions) {
            const row = body.insertRow();
            for (const value of [p.created_at, p.version, p.variant || "–", p.instrument, p.as_of, text(p.value), p.source]) row.insertCell().textContent = value;
          }
        }

        function buildSliders(features) {
          const box = $("sliders"); box.innerHTML = ""; state.features = features;
          for (const feature of features) {
            const range = feature.training_range || { min: -1, max: 1 };
            const label = document.createElement("label");
            const input = document.createElement("input");
            input.type = "range"; input.min = range.min; input.max = range.max; input.step = (range.max - range.min) / 100 || 0.01;
            input.value = (range.min + range.max) / 2; input.dataset.feature = feature.name;
            const shown = document.createElement("span"); shown.textContent = text(input.value);
            input.oninput = () => { shown.textContent = text(input.value); clearTimeout(state.timer); state.timer = setTimeout(predict, 80); };
            const name = document.createElement("span"); name.textContent = feature.name;
            label.append(name, input, shown); box.appendChild(label);
          }
        }

        async function predict() {
          if (!state.model || !state.features.length) return null;
          const row = {};
          for (const input of $("sliders").querySelectorAll("input")) row[input.dataset.feature] = Number(input.value);
          const result = await api("/v1/models/" + encodeURIComponent(state.model) + "/predict", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rows: [row], instrument: "scenario" }) });
          $("prediction").textContent = text(result.predictions[0], 6);
          $("served").textContent = result.model + " " + result.version + (result.variant ? " (" + result.variant + ")" : "");
          return result.predictions[0];
        }

        async function runSelftest() {
          const before = await predict();
          const slider = $("sliders").querySelector("input");
          slider.value = slider.max; slider.dispatchEvent(new Event("input"));
          await new Promise((resolve) => setTimeout(resolve, 300));
          const after = await predict();
          document.body.dataset.selftest = (before !== after ? "passed" : "failed") + ": " + slider.dataset.feature + " to its maximum moved the prediction from " + before + " to " + after;
        }

        async function start() {
          try {
            await loadModels();
            if (selftest) await runSelftest();
          } catch (error) {
            $("error").textContent = error.message;
            if (selftest) document.body.dataset.selftest = "failed: " + error.message;
          }
        }
        $("connect").onclick = () => { state.token = $("token").value.trim(); start(); };
        if (state.token) start();
        </script>
        </body></html>
        """#
}
