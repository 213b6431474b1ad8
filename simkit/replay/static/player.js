/* simkit replay player: plays the frames that simkit.replay computed from a run's records.
 *
 * The page's data holds, per plan, each citizen's and dossier's runs (first frame, number of frames,
 * spot, state); this script expands them back into frames (the same as simkit.replay.scene.expand_tracks)
 * and moves plotly markers from one frame to the next. It computes nothing about the centre itself:
 * every position, count and figure comes from Python. Works from a file:// page, with no network.
 */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("simkit-replay-data").textContent);
  var lang = D.lang;
  var frame = 0;
  var playing = false;
  var timer = null;
  var speed = D.speed;
  var shownHour = null;
  var plans = [];

  function $(id) { return document.getElementById(id); }
  function t(key, params) {
    var text = D.strings[key][lang];
    if (params) {
      Object.keys(params).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    }
    return text;
  }
  function clock(minute) {
    var m = ((minute % 1440) + 1440) % 1440;
    return String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(Math.floor(m % 60)).padStart(2, "0");
  }
  function numberText(n) { return lang === "vi" ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".") : String(n); }

  // -- frames from runs ------------------------------------------------------------------------------
  function expand(plan) {
    var spots = plan.layout.spots, runs = plan.runs, keys = plan.keys, frames = [];
    for (var f = 0; f < D.frames; f++) frames.push({px: [], py: [], pid: [], pc: [], dx: [], dy: [], did: [], dc: []});
    for (var i = 0; i < runs.length; i += 5) {
      var key = keys[runs[i]], first = runs[i + 1], length = runs[i + 2], spot = spots[runs[i + 3]];
      var color = D.palette[runs[i + 4]], dossier = key.charAt(0) === "d";
      for (var k = first; k < first + length; k++) {
        var fr = frames[k];
        if (dossier) { fr.dx.push(spot[0]); fr.dy.push(spot[1]); fr.did.push(key); fr.dc.push(color); }
        else { fr.px.push(spot[0]); fr.py.push(spot[1]); fr.pid.push(key); fr.pc.push(color); }
      }
    }
    return frames;
  }

  // -- the fixed parts of a plan's floor plan --------------------------------------------------------
  function box(x, y, fill, line, width) {
    var half = (width || 0.8) / 2;
    return {type: "rect", xref: "x", yref: "y", x0: x - half, x1: x + half, y0: y - 0.4, y1: y + 0.4,
            fillcolor: fill, line: {color: line, width: 2}, layer: "below"};
  }
  function shapes(plan, counters, desksOpen) {
    var L = plan.layout, out = [];
    var step = L.counter_x.length > 1 ? L.counter_x[1] - L.counter_x[0] : 1;
    var wide = Math.min(0.96, 0.8 * step);  // two-digit counter numbers need the room
    L.counter_x.forEach(function (x, k) { out.push(box(x, 9, k < counters ? "#ffffff" : "#d0d0d0", "#1a4d8f", wide)); });
    L.assisted_x.forEach(function (x) { out.push(box(x, 9, desksOpen ? "#ffffff" : "#d0d0d0", "#6a3d9a")); });
    L.office_x.forEach(function (x) { out.push(box(x, 1.1, desksOpen ? "#ffffff" : "#d0d0d0", "#8c6d00")); });
    out.push({type: "line", xref: "x", yref: "y", x0: -3.4, x1: L.right + 0.6, y0: 2.95, y1: 2.95,
              line: {color: "#888", width: 1.5, dash: "dot"}, layer: "below"});
    return out;
  }
  function note(x, y, text, anchor) {
    return {x: x, y: y, xref: "x", yref: "y", text: text, showarrow: false, xanchor: anchor || "center",
            font: {family: D.font, size: 16, color: "#1b1b1b"}};
  }
  function annotations(plan) {
    var L = plan.layout, out = [];
    out.push(note(-3.4, 10.05, t("scene.counters"), "left"));
    L.counter_x.forEach(function (x, k) { out.push(note(x, 9, String(k + 1))); });
    if (L.assisted_x.length) {
      var mid = (L.assisted_x[0] + L.assisted_x[L.assisted_x.length - 1]) / 2;
      out.push(note(mid, 10.05, t("scene.assisted")));
      L.assisted_x.forEach(function (x, k) { out.push(note(x, 9, String(k + 1))); });
    }
    out.push(note(L.exit_x0 + 1.6, 8.1, t("scene.exit")));
    out.push(note(-3.4, 6.35, t("scene.entrance"), "left"));
    out.push(note(-3.4, 2.45, t("scene.online"), "left"));
    if (L.office_x.length) out.push(note(L.right + 0.65, 2.45, t("scene.backoffice"), "right"));
    return out;
  }
  function texts(plan, f) {
    var L = plan.layout, live = plan.live, exitY = 4.05;
    var more = function (n, key) { return n > 0 ? t(key, {n: numberText(n)}) : ""; };
    var x = [L.columns - 0.5, -3.4, L.columns - 0.5, L.right + 0.55], y = [3.3, 3.3, -0.25, -0.25];
    var text = [more(live.hidden_queue[f], "scene.more_people"), "",
                more(live.hidden_inbox[f], "scene.more_dossiers"),
                t("scene.done") + ": " + numberText(live.done[f])];
    var pos = ["middle left", "middle right", "middle left", "middle left"];
    var ink = ["#1b1b1b", "#1b1b1b", "#1b1b1b", "#1b1b1b"].concat(D.exit_ink);
    if (L.assisted_x.length) {
      x[1] = L.exit_x0 - 1.2; text[1] = more(live.hidden_assisted[f], "scene.more_people"); pos[1] = "middle left";
    }
    ["served", "gave_up", "turned_away", "sent_home"].forEach(function (name, j) {
      x.push(L.exit_x0 + j + 0.17); y.push(exitY); text.push(numberText(live[name][f])); pos.push("middle center");
    });
    return {x: x, y: y, text: text, textposition: pos, ink: ink};
  }

  function traces(plan, f) {
    var fr = plan.frames[f], tx = texts(plan, f);
    return [
      {x: fr.px, y: fr.py, ids: fr.pid, marker: {color: fr.pc}},
      {x: fr.dx, y: fr.dy, ids: fr.did, marker: {color: fr.dc}},
      {x: tx.x, y: tx.y, text: tx.text, textposition: tx.textposition, textfont: {color: tx.ink}},
    ];
  }

  function plotHeight(plan) {
    var L = plan.layout, width = plan.div.clientWidth || 600;
    var ratio = 11.4 / (L.right + 4.3);
    return Math.max(260, Math.min(620, Math.round(width * ratio * 1.08) + 16));
  }

  function newPlot(plan) {
    var L = plan.layout, base = traces(plan, 0);
    var people = {type: "scatter", mode: "markers", hoverinfo: "skip", x: base[0].x, y: base[0].y, ids: base[0].ids,
                  marker: {size: 13, color: base[0].marker.color, line: {color: "#ffffff", width: 1}}};
    var dossiers = {type: "scatter", mode: "markers", hoverinfo: "skip", x: base[1].x, y: base[1].y, ids: base[1].ids,
                    marker: {size: 11, symbol: "square", color: base[1].marker.color, line: {color: "#ffffff", width: 1}}};
    var words = {type: "scatter", mode: "text", hoverinfo: "skip", x: base[2].x, y: base[2].y, text: base[2].text,
                 textposition: base[2].textposition, textfont: {family: D.font, size: 16, color: base[2].textfont.color}};
    var axis = {visible: false, fixedrange: true, zeroline: false, showgrid: false};
    var layout = {
      margin: {l: 4, r: 4, t: 4, b: 4}, height: plotHeight(plan), autosize: true, showlegend: false,
      hovermode: false, dragmode: false, paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
      font: {family: D.font, size: 16, color: "#1b1b1b"},
      xaxis: Object.assign({range: [-3.5, L.right + 0.7]}, axis),
      yaxis: Object.assign({range: [-0.7, 10.6]}, axis),
      shapes: shapes(plan, plan.live.counters_open[0], plan.live.desks_open[0]),
      annotations: annotations(plan),
    };
    plan.open = [plan.live.counters_open[0], plan.live.desks_open[0]];
    return Plotly.newPlot(plan.div, [people, dossiers, words], layout,
                          {displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false});
  }

  // -- the page --------------------------------------------------------------------------------------
  function buildPlans() {
    var holder = $("plans");
    D.plans.forEach(function (plan, i) {
      var section = document.createElement("section");
      section.className = "plan";
      section.setAttribute("aria-labelledby", "plan-title-" + i);
      section.innerHTML =
        '<h2 id="plan-title-' + i + '"></h2>' +
        '<div class="live" id="live-' + i + '"></div>' +
        '<div class="plan-body"><div class="plot" id="plot-' + i + '" role="img"></div>' +
        '<div class="kpis"><h3 id="hour-title-' + i + '"></h3><table><tbody id="hour-' + i + '"></tbody></table></div></div>' +
        '<p class="so-far" id="so-far-' + i + '"></p>';
      holder.appendChild(section);
      plan.div = $("plot-" + i);
      plan.frames = expand(plan);
      plans.push(plan);
    });
  }

  function item(label, value, extra) {
    return '<div class="figure"><span>' + label + '</span> <b>' + value + '</b>' + (extra ? ' <span>' + extra + '</span>' : '') + '</div>';
  }
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; });
  }

  function showLive() {
    var f = frame;
    plans.forEach(function (plan, i) {
      var live = plan.live, parts = [];
      parts.push(item(esc(t("live.queue")), esc(t("live.people", {n: numberText(live.queue[f])}))));
      var open = live.counters_open[f];
      parts.push(item(esc(t("live.counters_busy")), open > 0 ? esc(t("live.busy_of", {busy: live.counters_busy[f], open: open}))
                                                           : esc(String(live.counters_busy[f])),
                      open > 0 ? "" : esc(t("live.closed"))));
      if (plan.layout.assisted_x.length) {
        parts.push(item(esc(t("live.assisted_queue")), esc(t("live.people", {n: numberText(live.assisted_queue[f])}))));
      }
      parts.push(item(esc(t("live.backlog")), esc(t("live.dossiers", {n: numberText(live.backlog[f])}))));
      $("live-" + i).innerHTML = parts.join("");
      $("so-far-" + i).textContent = t("live.so_far") + ": " + t("live.so_far_text", {
        served: numberText(live.served[f]), gave_up: numberText(live.gave_up[f]), turned_away: numberText(live.turned_away[f]),
        sent_home: numberText(live.sent_home[f]), online: numberText(live.online[f]), done: numberText(live.done[f])});
    });
    var minute = D.first + f;
    $("clock").textContent = clock(minute);
    $("slider").value = String(f);
    $("slider").setAttribute("aria-valuetext", clock(minute));
    $("replay").setAttribute("data-minute", String(minute));
    var hour = String(Math.floor(minute / 60) * 60);
    if (hour !== shownHour) { shownHour = hour; showHour(); }
  }

  function showHour() {
    plans.forEach(function (plan, i) {
      var block = plan.hours[lang][shownHour];
      $("hour-title-" + i).textContent = block ? block.heading : "";
      $("hour-" + i).innerHTML = block ? block.rows.map(function (row) {
        return '<tr><th scope="row">' + esc(row[0]) + '</th><td>' + esc(row[1]) + '</td></tr>';
      }).join("") : "";
    });
  }

  function show(f, duration) {
    frame = Math.max(0, Math.min(D.frames - 1, f));
    plans.forEach(function (plan) {
      var open = [plan.live.counters_open[frame], plan.live.desks_open[frame]];
      if (open[0] !== plan.open[0] || open[1] !== plan.open[1]) {
        plan.open = open;
        Plotly.relayout(plan.div, {shapes: shapes(plan, open[0], open[1])});
      }
      Plotly.animate(plan.div, {data: traces(plan, frame), traces: [0, 1, 2]},
                     {transition: {duration: duration, easing: "linear"}, frame: {duration: duration, redraw: false},
                      mode: "immediate"});
    });
    showLive();
  }

  // Playing follows the wall clock, not a count of ticks: the frame shown is the one due at this moment
  // (speed simulated minutes a second since Play), so on a slow or busy laptop the clock stays right and
  // frames are skipped rather than the day slowing down; markers glide between the frames drawn.
  var playFrom = 0, playStart = 0, lastDraw = 0;
  function loop(now) {
    if (!playing) return;
    var due = Math.min(D.frames - 1, playFrom + Math.floor((now - playStart) * speed / 1000));
    if (due !== frame) {
      var glide = Math.min(250, Math.max(0, now - lastDraw)) * 0.9;
      lastDraw = now;
      show(due, Math.round(glide));
    }
    if (due >= D.frames - 1) { pause(); return; }
    timer = requestAnimationFrame(loop);
  }
  function play() {
    if (frame >= D.frames - 1) show(0, 0);
    playing = true;
    cancelAnimationFrame(timer);
    playFrom = frame;
    playStart = lastDraw = performance.now();
    timer = requestAnimationFrame(loop);
    labelPlay();
  }
  function pause() {
    playing = false;
    cancelAnimationFrame(timer);
    timer = null;
    labelPlay();
    announce();
  }
  function labelPlay() {
    var button = $("play");
    button.textContent = playing ? t("control.pause") : t("control.play");
    button.setAttribute("aria-pressed", playing ? "true" : "false");
  }
  function announce() {
    $("announce").textContent = clock(D.first + frame) + " — " + plans.map(function (plan) {
      return t("plan.name", {letter: "AB".charAt(plans.indexOf(plan))}) + ": " + t("live.queue") + " " +
             t("live.people", {n: numberText(plan.live.queue[frame])});
    }).join("; ");
  }

  function label() {
    document.documentElement.lang = lang;
    var centre = D.centre[lang];
    document.title = t("page.title", {centre: centre});
    $("title").textContent = t("page.title", {centre: centre});
    $("intro").textContent = !D.compare ? t("page.single_intro")
                                        : D.same_citizens ? t("page.intro") : t("page.intro_different");
    $("lang-label").textContent = t("page.language");
    document.querySelectorAll(".langs button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === lang ? "true" : "false");
    });
    document.querySelector(".controls").setAttribute("aria-label", t("control.slider"));
    $("slider").setAttribute("aria-label", t("control.slider"));
    $("speed-label").textContent = t("control.speed");
    var select = $("speed");
    select.innerHTML = D.speeds.map(function (n) {
      return '<option value="' + n + '"' + (n === speed ? " selected" : "") + ">" + esc(t("control.speed_option", {n: n})) + "</option>";
    }).join("");
    $("jump-label").textContent = t("control.jump");
    document.querySelectorAll(".hours button").forEach(function (b) {
      b.textContent = t("control.hour", {hour: Math.floor(Number(b.getAttribute("data-minute")) / 60) % 24});
    });
    plans.forEach(function (plan, i) {
      $("plan-title-" + i).textContent = plan.name[lang] + ": " + plan.caption[lang];
      plan.div.setAttribute("aria-label", plan.name[lang] + ": " + plan.caption[lang]);
      if (plan.div.layout) Plotly.relayout(plan.div, {annotations: annotations(plan)});
    });
    $("legend-title").textContent = t("page.legend");
    $("legend").innerHTML = D.states.map(function (name, k) {
      var square = name.indexOf("dossier") === 0 ? " square" : "";
      return '<li><span class="swatch' + square + '" style="background:' + D.palette[k] + '"></span>' + esc(t("state." + name)) + "</li>";
    }).join("");
    $("desk-note").textContent = t("page.desk_note");
    $("run-note").textContent = t("page.run_note", D.run) + (D.from_file ? " " + t("page.file_note") : "");
    labelPlay();
    shownHour = null;
    showLive();
  }

  function controls() {
    var slider = $("slider");
    slider.max = String(D.frames - 1);
    slider.addEventListener("input", function () { show(Number(slider.value), 0); });
    $("play").addEventListener("click", function () { if (playing) pause(); else play(); });
    $("speed").addEventListener("change", function () {
      speed = Number($("speed").value);
      if (playing) play();
    });
    var hours = document.querySelector(".hours");
    D.hours.forEach(function (minute) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "hour";
      b.setAttribute("data-minute", String(minute));
      b.addEventListener("click", function () { show(minute - D.first, 0); announce(); });
      hours.appendChild(b);
    });
    document.querySelectorAll(".langs button").forEach(function (b) {
      b.addEventListener("click", function () {
        lang = b.getAttribute("data-lang");
        label();
        show(frame, 0);
      });
    });
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () {
        plans.forEach(function (plan) { Plotly.relayout(plan.div, {height: plotHeight(plan)}); });
      }, 150);
    });
  }

  function fitFrame() {
    // Shown inside a notebook (an iframe of the same origin): grow the frame to the page, no inner scrollbar.
    try {
      var host = window.frameElement;
      if (!host) return;
      var fit = function () { host.style.height = (document.documentElement.scrollHeight + 8) + "px"; };
      new ResizeObserver(fit).observe(document.body);
      fit();
    } catch (e) { /* another origin: keep the frame's own height */ }
  }

  buildPlans();
  controls();
  label();
  Promise.all(plans.map(newPlot)).then(function () {
    show(0, 0);
    fitFrame();
    $("replay").setAttribute("data-ready", "true");
  });
  window.simkitReplay = {
    frame: function () { return frame; },
    frames: D.frames,
    first: D.first,
    playing: function () { return playing; },
    show: function (f) { show(f, 0); },
    drawn: function (i) {
      var data = plans[i].div.data;
      return {people: (data[0].ids || []).slice(), x: Array.from(data[0].x || []), y: Array.from(data[0].y || []),
              dossiers: (data[1].ids || []).slice()};
    },
  };
})();
