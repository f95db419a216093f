// The checkout page: the basket's total as it is now, where to ship, a test card; placing the order checks the total
// again (a changed price is shown and nothing is charged), then follows the order on its own page.
"use strict";

const ATTEMPT = "emporium.checkout.key"; // one Idempotency-Key per checkout: a repeat after a failure places one order
let shown = null; // {version, total}: what the customer agrees to

function show(basket, etag, why) {
  shown = { version: etag, total: basket.total };
  $("checkout-lines").innerHTML = basket.lines.map((l) =>
    `<li>${l.quantity} × ${html(l.name || l.productId)} — ${l.lineTotal == null ? "–" : money(l.lineTotal, basket.currency)}</li>`).join("");
  $("checkout-total").textContent = "Total: " + money(basket.total, basket.currency);
  $("checkout-summary").textContent = why || (basket.lines.length ? "Check your order, where it goes, and how you pay." : "Your basket is empty.");
  $("checkout").hidden = !basket.orderable;
}

async function load() {
  const basket = await customerApi("/api/basket");
  if (!basket.ok) {
    $("checkout-summary").textContent = basket.problem;
    return;
  }
  show(basket.body, basket.etag);
}

$("checkout").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const key = sessionStorage.getItem(ATTEMPT) || crypto.randomUUID();
  sessionStorage.setItem(ATTEMPT, key);
  const address = { name: $("ship-name").value.trim(), line1: $("ship-line1").value.trim(), line2: $("ship-line2").value.trim() || null,
    postalCode: $("ship-postal-code").value.trim(), city: $("ship-city").value.trim(), country: $("ship-country").value.trim().toUpperCase() };
  $("place-order").disabled = true;
  $("notice").textContent = "Placing your order…";
  const placed = await customerApi("/api/checkout", { method: "POST", headers: { "Idempotency-Key": key, "If-Match": shown.version },
    body: { expectedTotal: shown.total, shippingAddress: address, paymentToken: form.elements.card.value } });
  $("place-order").disabled = false;
  if (placed.status === 202) {
    sessionStorage.removeItem(ATTEMPT);
    location.assign("/orders/" + encodeURIComponent(placed.body.orderId));
    return;
  }
  if (placed.status === 409 && placed.body.basket) {
    // nothing was placed or charged: show the basket as it is and let the customer agree to it
    sessionStorage.removeItem(ATTEMPT);
    show(placed.body.basket, placed.etag, placed.problem);
    $("notice").textContent = "Nothing was charged. " + placed.problem;
    return;
  }
  if (placed.status === 412) {
    sessionStorage.removeItem(ATTEMPT);
    await load();
  }
  $("notice").textContent = placed.problem + (placed.status === 503 ? " Press Place order again: you will not be charged twice." : "");
});

customerAccount((problem) => { $("notice").textContent = problem; }).then((token) => {
  if (token) load();
  else $("checkout-summary").textContent = "Sign in to check out.";
});
