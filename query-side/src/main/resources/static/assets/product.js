// The product page: one product from the read-by-id API (/products/{id}).
"use strict";

const escape = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function show() {
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const target = document.getElementById("product");
  const answer = await fetch("/api/products/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
  const p = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    target.innerHTML = `<h1>Not found</h1><p class="problem">${escape(p.detail || "No such product.")}</p>`;
    return;
  }
  document.title = "Emporium — " + p.name;
  const price = new Intl.NumberFormat(undefined, { style: "currency", currency: p.currency || "EUR" }).format(p.price);
  target.innerHTML = `<h1>${escape(p.name)}</h1>
    <p>${escape(p.description)}</p>
    <dl>
      <dt>Price</dt><dd class="price">${price}</dd>
      <dt>Availability</dt><dd>${p.inStock ? `<span class="stock-in">${p.available} in stock</span>` : `<span class="stock-out">Out of stock</span>`}</dd>
      <dt>Category</dt><dd>${escape(p.category)}</dd>
      <dt>SKU</dt><dd>${escape(p.sku)}</dd>
      ${p.status === "DISCONTINUED" ? "<dt>Status</dt><dd>Discontinued</dd>" : ""}
    </dl>`;
}
show();
