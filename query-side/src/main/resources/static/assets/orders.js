// "My orders" (/orders) and one order (/orders/{id}): its status followed live until it is decided, and its history
// from the event store.
"use strict";

const DECIDED = ["CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED"];

async function list() {
  const orders = await customerApi("/api/orders?size=20");
  if (!orders.ok) {
    $("orders-summary").textContent = "Your orders cannot be shown now: " + orders.problem;
    return;
  }
  const page = orders.body;
  $("orders-summary").textContent = page.total === 0 ? "No orders yet." : page.total + (page.total === 1 ? " order" : " orders");
  $("orders").innerHTML = page.items.map((o) => `<li data-order="${html(o.orderId)}">
    <a href="/orders/${encodeURIComponent(o.orderId)}">${new Date(o.placedAt).toLocaleString()}</a>:
    <span class="status-${html(o.status)}">${html(o.status)}</span>${o.total == null ? "" : " · " + money(o.total, o.currency)}</li>`).join("");
}

async function follow(orderId) {
  $("order").hidden = false;
  $("orders-title").textContent = "Your order";
  for (let tries = 0; ; tries++) {
    const order = await customerApi("/api/orders/" + encodeURIComponent(orderId));
    if (order.ok) {
      const o = order.body;
      const words = { PENDING: "Waiting for stock and payment…", CONFIRMED: "Confirmed: it is paid and on its way to being shipped.",
        REJECTED: "Rejected: " + (o.reason || "no reason given") + ".", CANCELLED: "Cancelled.", SHIPPED: "Shipped." }[o.status];
      $("order-status").innerHTML = `<span class="status-${html(o.status)}">${html(o.status)}</span> — ${html(words)}`;
      $("order-lines").innerHTML = o.lines.map((l) => `<li>${l.quantity} × ${html(l.productId)}${l.unitPrice == null ? ""
        : " at " + money(l.unitPrice, o.currency)}</li>`).join("") + (o.total == null ? "" : `<li>Total ${money(o.total, o.currency)}</li>`);
      await history(orderId);
      if (DECIDED.includes(o.status)) return;
    } else if (order.status !== 404 || tries > 30) {
      $("order-status").textContent = order.problem;
      return;
    }
    await new Promise((r) => setTimeout(r, 1000)); // a new order reaches the read model within a moment
  }
}

async function history(orderId) {
  const steps = await customerApi("/api/orders/" + encodeURIComponent(orderId) + "/history");
  if (!steps.ok) return;
  const words = { PLACED: "Placed", RESERVED: "Stock reserved", PAYMENT_AUTHORIZED: "Payment authorized", PAYMENT_DECLINED: "Payment declined",
    CONFIRMED: "Confirmed", REJECTED: "Rejected", CANCELLED: "Cancelled", SHIPPED: "Shipped", PAYMENT_CAPTURE_REQUESTED: "Payment being taken",
    PAYMENT_CAPTURED: "Payment taken", PAYMENT_VOID_REQUESTED: "Payment being released", PAYMENT_VOIDED: "Payment released" };
  $("order-history").innerHTML = steps.body.map((s) => `<li data-step="${html(s.what)}"><time datetime="${html(s.at)}">${
    new Date(s.at).toLocaleString()}</time>: ${html(words[s.what] || s.what)}${s.detail ? " — " + html(s.detail) : ""}</li>`).join("");
}

customerAccount((problem) => { $("notice").textContent = problem; }).then((token) => {
  if (!token) {
    $("orders-summary").textContent = "Sign in to see your orders.";
    return;
  }
  const id = location.pathname.match(/^\/orders\/(.+)$/)?.[1];
  list();
  if (id) follow(decodeURIComponent(id));
});
