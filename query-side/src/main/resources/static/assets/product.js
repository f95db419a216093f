// The product page: one product from the read-by-id API (/products/{id}), and "Add to basket" for a signed-in customer.
"use strict";

async function show() {
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const target = $("product");
  const answer = await fetch("/api/products/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
  const p = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    target.innerHTML = `<h1>Not found</h1><p class="problem">${html(p.detail || "No such product.")}</p>`;
    return;
  }
  document.title = "Emporium — " + p.name;
  const price = money(p.price, p.currency);
  const buyable = p.status !== "DISCONTINUED" && p.inStock;
  const levels = (p.category || "").split("/");
  const crumbs = levels.map((level, i) => `<a href="/?category=${encodeURIComponent(levels.slice(0, i + 1).join("/"))}">${html(level)}</a>`).join(" › ");
  const images = (p.images || []).map((i) => `<img class="picture" src="${html(i.url)}" alt="${html(i.alt)}">`).join("");
  const attributes = Object.entries(p.attributes || {}).map(([name, value]) =>
    `<dt>${html(name)}</dt><dd>${html(value === true ? "yes" : value === false ? "no" : String(value))}</dd>`).join("");
  target.innerHTML = `<nav class="crumbs" aria-label="Category">${crumbs}</nav><h1>${html(p.name)}</h1>
    ${images}
    <p>${html(p.description)}</p>
    <dl>
      ${p.brand ? `<dt>Brand</dt><dd>${html(p.brand)}</dd>` : ""}
      <dt>Price</dt><dd class="price">${price}</dd>
      <dt>Availability</dt><dd>${p.inStock ? `<span class="stock-in">${p.available} in stock</span>` : `<span class="stock-out">Out of stock</span>`}</dd>
      ${attributes}
      <dt>SKU</dt><dd>${html(p.sku)}</dd>
      ${p.status === "DISCONTINUED" ? "<dt>Status</dt><dd>Discontinued</dd>" : ""}
    </dl>
    ${customerToken() && buyable ? '<button id="add-to-basket" type="button">Add to basket</button>' : ""}`;
  $("add-to-basket")?.addEventListener("click", async () => {
    const added = await addToBasket(p.productId);
    $("notice").textContent = added.ok ? `Added ${p.name} to your basket.` : "Not added: " + added.problem;
  });
}

customerAccount((problem) => { $("notice").textContent = problem; }).then(show);
