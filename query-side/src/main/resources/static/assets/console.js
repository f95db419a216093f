// The operations console: everything through the admin API with the signed-in admin's bearer token (kept in this
// tab's session storage only). Every refused action shows the problem answer.
"use strict";

const HISTORY_SECONDS = 300;
const samples = {}; // projection -> [{at, lag, position}]
let dlqPage = 0;
let timer;
let shownEndpoint; // the webhook endpoint whose deliveries are shown

const token = () => sessionStorage.getItem("emporium.token");

async function admin(method, path) {
  const answer = await fetch(path, { method, headers: { Authorization: "Bearer " + token(), Accept: "application/json" } });
  const body = await answer.json().catch(() => ({}));
  if (answer.status === 401) { signOut("Your token was refused (expired or not trusted): sign in again."); throw new Error("401"); }
  if (!answer.ok) throw new Error(`${answer.status} ${body.title || ""}: ${body.detail || ""}`.trim());
  return body;
}

function problem(e) {
  if (e.message !== "401") $("problem").textContent = e.message;
}

async function act(method, path) {
  $("problem").textContent = "";
  try {
    const answer = await admin(method, path);
    await refresh();
    return answer;
  } catch (e) {
    problem(e);
  }
}

function subject() {
  try {
    return JSON.parse(atob(token().split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sub;
  } catch (e) {
    return "?";
  }
}

async function refresh() {
  try {
    const projections = await admin("GET", "/admin/projections");
    renderProjections(projections);
    chart();
    await Promise.all([deadLetters(), audit(), lastVerification(), publishing(), webhooks(), zeroResults()]);
  } catch (e) {
    problem(e);
  }
}

function renderProjections(projections) {
  const now = Date.now();
  for (const p of projections) {
    const points = (samples[p.name] ||= []);
    points.push({ at: now, lag: p.lag, position: p.position });
    while (points.length && points[0].at < now - HISTORY_SECONDS * 1000) points.shift();
  }
  $("projections").innerHTML = projections.map((p) => {
    const r = p.rebuild;
    const rebuild = r ? `<progress max="${r.total}" value="${r.processed}" aria-label="Rebuild of ${html(p.name)}"></progress>
        ${r.processed} / ${r.total} events, ${Math.round(r.eventsPerSecond)}/s, ETA ${r.etaSeconds ?? "?"} s → ${html(r.index)}` : "–";
    const action = r ? `<button type="button" class="secondary" data-cancel="${html(p.name)}">Cancel rebuild</button>`
        : `<button type="button" data-rebuild="${html(p.name)}">Rebuild</button>`;
    return `<tr data-projection="${html(p.name)}"><td>${html(p.name)}</td><td class="generation">${p.generation}</td>
      <td class="index">${html(p.index)}</td><td>${p.position} / ${p.head}</td><td>${p.lag}</td>
      <td class="state">${html(p.state)}</td><td class="rebuild">${rebuild}</td><td>${action}</td></tr>`;
  }).join("");
  $("projections").querySelectorAll("[data-rebuild]").forEach((b) => b.addEventListener("click", () =>
    act("POST", `/admin/projections/${encodeURIComponent(b.dataset.rebuild)}/rebuild`)));
  $("projections").querySelectorAll("[data-cancel]").forEach((b) => b.addEventListener("click", () =>
    act("DELETE", `/admin/projections/${encodeURIComponent(b.dataset.cancel)}/rebuild`)));
  for (const select of [$("dlq-projection"), $("verify-projection")]) {
    if (select.options.length === 0) select.innerHTML = projections.map((p) => `<option>${html(p.name)}</option>`).join("");
  }
}

/** Lag (solid) and events per second (dashed, from position deltas) per projection, over the last minutes. */
function chart() {
  const canvas = $("chart");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const colours = ["#0b5cad", "#c2410c", "#1b6e2f", "#7c3aed"];
  const series = Object.entries(samples).map(([name, points]) => ({
    name,
    lag: points.map((p) => p.lag),
    rate: points.map((p, i) => i === 0 ? 0 : Math.max(0, (p.position - points[i - 1].position) * 1000 / (p.at - points[i - 1].at))),
  }));
  const top = Math.max(1, ...series.flatMap((s) => [...s.lag, ...s.rate]));
  const x = (i, n) => (n <= 1 ? 0 : i * (canvas.width - 1) / (n - 1));
  const y = (v) => canvas.height - 2 - v * (canvas.height - 12) / top;
  series.forEach((s, k) => {
    g.strokeStyle = colours[k % colours.length];
    for (const [values, dash] of [[s.lag, []], [s.rate, [6, 4]]]) {
      g.setLineDash(dash);
      g.beginPath();
      values.forEach((v, i) => (i ? g.lineTo(x(i, values.length), y(v)) : g.moveTo(x(i, values.length), y(v))));
      g.stroke();
    }
  });
  g.setLineDash([]);
  g.fillStyle = "#1d2430";
  g.fillText(`max ${Math.round(top)}`, 4, 12);
  $("legend").innerHTML = series.map((s, k) =>
    `<span style="color:${colours[k % colours.length]}">■ ${html(s.name)}: lag ${s.lag.at(-1) ?? 0}, ${Math.round(s.rate.at(-1) ?? 0)} events/s</span>`).join(" · ")
    + " (solid: lag, dashed: events per second)";
}

async function deadLetters() {
  const name = $("dlq-projection").value;
  if (!name) return;
  const page = await admin("GET", `/admin/projections/${encodeURIComponent(name)}/dead-letters?size=10&page=${dlqPage}`);
  $("dead-letters").innerHTML = page.items.length === 0 ? `<tr><td colspan="5">No dead letters.</td></tr>` : page.items.map((l, i) =>
    `<tr><td>${html(l.aggregateId)}</td><td>${l.aggregateSequence ?? ""}</td><td>${html(l.eventType)}</td>
      <td>${html(l.causeType)}: ${html(l.causeMessage)}</td>
      <td><button type="button" class="secondary" data-inspect="${i}">Inspect</button>
          <button type="button" class="secondary" data-evict="${html(l.aggregateId)}">Evict</button></td></tr>`).join("");
  $("dead-letters").querySelectorAll("[data-inspect]").forEach((b) => b.addEventListener("click", () => {
    $("dlq-detail").hidden = false;
    $("dlq-detail").textContent = JSON.stringify(page.items[Number(b.dataset.inspect)], null, 2);
  }));
  $("dead-letters").querySelectorAll("[data-evict]").forEach((b) => b.addEventListener("click", () =>
    act("DELETE", `/admin/projections/${encodeURIComponent(name)}/dead-letters?sequence=${encodeURIComponent(b.dataset.evict)}`)));
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  $("dlq-page").textContent = `${page.total} dead letter${page.total === 1 ? "" : "s"}, page ${page.page + 1} of ${pages}`;
  $("dlq-previous").disabled = dlqPage === 0;
  $("dlq-next").disabled = dlqPage + 1 >= pages;
}

/** Publishing to Kafka as the command service reports it; its refusal (publishing off, unreachable) shown in place. */
async function publishing() {
  try {
    const p = await admin("GET", "/admin/command/publishing");
    $("publishing").textContent = `Publishing to Kafka: ${p.state}, position ${p.position ?? "?"} of ${p.head}, `
      + `${p.behind ?? "?"} behind` + (p.lastError ? `; last error: ${p.lastError}` : "");
  } catch (e) {
    if (e.message === "401") throw e;
    $("publishing").textContent = "Publishing to Kafka: " + e.message;
  }
}

async function webhooks() {
  let endpoints;
  try {
    endpoints = await admin("GET", "/admin/command/webhooks");
  } catch (e) {
    if (e.message === "401") throw e;
    $("webhooks").innerHTML = `<tr><td colspan="7">${html(e.message)}</td></tr>`;
    return;
  }
  $("webhooks").innerHTML = endpoints.length === 0 ? `<tr><td colspan="7">No webhook endpoints.</td></tr>`
    : endpoints.map((w) => `<tr data-webhook="${html(w.id)}"><td>${html(w.url)}</td><td>${w.eventTypes.length}</td>
      <td class="state">${html(w.state)}${w.pausedReason ? ": " + html(w.pausedReason) : ""}</td><td class="backlog">${w.backlog}</td>
      <td>${html(w.failingSince ?? "–")}</td><td>${html(w.lastDelivered ?? "–")}</td>
      <td><button type="button" class="secondary" data-deliveries="${html(w.id)}">Deliveries</button></td></tr>`).join("");
  $("webhooks").querySelectorAll("[data-deliveries]").forEach((b) => b.addEventListener("click", () => {
    shownEndpoint = b.dataset.deliveries;
    refresh();
  }));
  if (!endpoints.some((w) => w.id === shownEndpoint)) shownEndpoint = endpoints[0]?.id;
  const deliveries = shownEndpoint ? await admin("GET", `/admin/command/webhooks/${encodeURIComponent(shownEndpoint)}/deliveries`) : [];
  $("webhook-deliveries").innerHTML = deliveries.map((d) => `<tr><td>${d.id}</td><td>${html(d.eventType)}</td><td>${html(d.state)}</td>
    <td>${d.attempts}</td><td>${d.lastStatus ?? html(d.lastError ?? "–")}</td><td>${html(d.state === "pending" ? d.nextAttemptAt : "–")}</td></tr>`).join("");
}

/** What shoppers searched for and did not find: words to add to the catalogue, or synonyms. */
async function zeroResults() {
  const found = await admin("GET", "/admin/search/zero-results?limit=20");
  $("zero-results-scope").textContent = found.shared ? "(all instances)" : "(this instance: no Redis)";
  $("zero-results").innerHTML = found.queries.map((q) => `<tr><td>${html(q.query)}</td><td>${q.count}</td></tr>`).join("")
    || '<tr><td colspan="2">None so far.</td></tr>';
}

async function audit() {
  const rows = await admin("GET", "/admin/audit?limit=20");
  $("audit").innerHTML = rows.map((r) => `<tr><td>${html(r.at)}</td><td>${html(r.principal)}</td><td>${html(r.action)}</td>
    <td>${html(r.target)}</td><td>${html(r.outcome)}${r.detail ? ": " + html(r.detail) : ""}</td></tr>`).join("");
}

async function lastVerification() {
  const name = $("verify-projection").value;
  if (!name) return;
  const v = await admin("GET", `/admin/projections/${encodeURIComponent(name)}/verify`);
  const last = v.last;
  $("verify-result").textContent = v.running ? "Running: " + JSON.stringify(v.running)
    : last ? `${last.aggregatesChecked} aggregates checked at ${last.at}: ${last.missing} missing, ${last.stale} stale, `
      + `${last.wrong} wrong, ${last.ahead} ahead, ${last.extra} extra` : "Not verified since the service started.";
}

function signOut(why) {
  sessionStorage.removeItem("emporium.token");
  clearInterval(timer);
  show();
  $("problem").textContent = why || "";
}

function show() {
  const signedIn = Boolean(token());
  $("sign-in").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  $("who").textContent = signedIn ? "Signed in as " + subject() : "";
  if (signedIn) {
    refresh();
    timer = setInterval(refresh, 2000);
  }
}

$("token-sign-in").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem("emporium.token", $("token").value.trim());
  $("problem").textContent = "";
  show();
});
$("sign-out").addEventListener("click", () => signOut());
$("dlq-projection").addEventListener("change", () => { dlqPage = 0; refresh(); });
$("verify-projection").addEventListener("change", refresh);
$("dlq-previous").addEventListener("click", () => { dlqPage--; refresh(); });
$("dlq-next").addEventListener("click", () => { dlqPage++; refresh(); });
$("dlq-retry").addEventListener("click", () => act("POST", `/admin/projections/${encodeURIComponent($("dlq-projection").value)}/dead-letters/retry`));
$("dlq-evict").addEventListener("click", () => act("DELETE", `/admin/projections/${encodeURIComponent($("dlq-projection").value)}/dead-letters`));
$("verify").addEventListener("click", async () => {
  $("verify-result").textContent = "Verifying…";
  await act("POST", `/admin/projections/${encodeURIComponent($("verify-projection").value)}/verify`);
});

// Sign-in at the identity provider, where the service names one and a console client is registered there (page.js).
const redirectUri = () => location.origin + "/console";

async function start() {
  if (backFromSignIn()) {
    try {
      sessionStorage.setItem("emporium.token", (await completeSignIn("/console")).access_token);
    } catch (e) {
      $("problem").textContent = e.message;
    }
  }
  show();
  if (!token()) {
    const p = await identityProvider("emporium_console_client_id");
    if (p) {
      $("provider").hidden = false;
      $("paste").open = false; // the token is the way for those without an account there
      $("provider-sign-in").addEventListener("click", async () => location.assign(await authorizationRequest(p, redirectUri())));
    }
  }
}
start();
