// The basket page: every line with its current price and availability; change a quantity, remove a line.
"use strict";

let version = null; // the basket's ETag: every change is made against it

function render(basket, etag) {
  version = etag;
  const lines = basket.lines;
  $("basket-summary").textContent = lines.length === 0 ? "Your basket is empty." :
    `${lines.length} product${lines.length === 1 ? "" : "s"} in your basket.`;
  $("basket-lines").hidden = lines.length === 0;
  $("basket-lines").querySelector("tbody").innerHTML = lines.map((l) => {
    const note = { INSUFFICIENT_STOCK: ` <span class="stock-out">only ${l.available} available</span>`,
      DISCONTINUED: ' <span class="stock-out">no longer sold: remove it to check out</span>',
      UNKNOWN: ' <span class="stock-out">no longer in the shop: remove it to check out</span>' }[l.availability] || "";
    const label = html(l.name || l.productId);
    return `<tr>
      <th scope="row"><a href="/products/${encodeURIComponent(l.productId)}">${label}</a>${note}</th>
      <td>${l.unitPrice == null ? "–" : money(l.unitPrice, basket.currency)}</td>
      <td><form class="quantity" data-product="${html(l.productId)}">
        <label><span class="visually-hidden">Quantity of ${label}</span>
          <input type="number" name="quantity" min="1" max="1000" value="${l.quantity}" required></label>
        <button type="submit" class="secondary">Update</button></form></td>
      <td>${l.lineTotal == null ? "–" : money(l.lineTotal, basket.currency)}</td>
      <td><button type="button" class="secondary" data-remove="${html(l.productId)}">Remove <span class="visually-hidden">${label}</span></button></td>
    </tr>`;
  }).join("");
  $("basket-total").textContent = lines.length ? "Total: " + money(basket.total, basket.currency) : "";
  $("to-checkout").hidden = !basket.orderable;
}

async function change(productId, quantity) {
  const changed = await customerApi("/api/basket/lines/" + encodeURIComponent(productId), { method: "PUT", body: { quantity },
    headers: { "If-Match": version } });
  if (changed.ok) {
    render(changed.body, changed.etag);
    $("notice").textContent = quantity === 0 ? "Removed." : "Updated.";
  } else {
    $("notice").textContent = changed.status === 412 ? "Your basket was changed elsewhere; here it is as it is now." : changed.problem;
    await load();
  }
}

async function load() {
  const basket = await customerApi("/api/basket");
  if (!basket.ok) {
    $("basket-summary").textContent = basket.problem;
    return;
  }
  render(basket.body, basket.etag);
}

$("basket-lines").addEventListener("submit", (e) => {
  e.preventDefault();
  const form = e.target.closest("form.quantity");
  change(form.dataset.product, Number(form.elements.quantity.value));
});
$("basket-lines").addEventListener("click", (e) => {
  const remove = e.target.closest("button[data-remove]");
  if (remove) change(remove.dataset.remove, 0);
});

customerAccount((problem) => { $("notice").textContent = problem; }).then((token) => {
  if (token) load();
  else $("basket-summary").textContent = "Sign in to see your basket.";
});
