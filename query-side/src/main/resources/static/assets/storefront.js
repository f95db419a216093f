// The storefront: search with suggestions, facets, sorting and paging, on the public search API only.
// The state lives in the address (?q=&category=&brand=&attr=&minPrice=&maxPrice=&sort=&page=), so every view can be bookmarked.
"use strict";

const PAGE_SIZE = 10;
const input = $("q");
const list = $("suggestions");
let suggestions = [];
let active = -1;
let typing;

function state() {
  const p = new URLSearchParams(location.search);
  return { q: p.get("q") || "", categories: p.getAll("category"), brands: p.getAll("brand"), attrs: p.getAll("attr"),
           minPrice: p.get("minPrice"), maxPrice: p.get("maxPrice"),
           sort: p.get("sort") || "relevance", page: Number(p.get("page") || 0) };
}

function go(changes) {
  const next = Object.assign(state(), { page: 0 }, changes);
  const p = new URLSearchParams();
  if (next.q) p.set("q", next.q);
  next.categories.forEach((c) => p.append("category", c));
  next.brands.forEach((b) => p.append("brand", b));
  next.attrs.forEach((a) => p.append("attr", a));
  if (next.minPrice != null) p.set("minPrice", next.minPrice);
  if (next.maxPrice != null) p.set("maxPrice", next.maxPrice);
  if (next.sort !== "relevance") p.set("sort", next.sort);
  if (next.page) p.set("page", next.page);
  history.pushState(null, "", "?" + p);
  search();
}

/** Elasticsearch marks highlights with <em>; everything else in them is text. */
function highlighted(fragment) {
  return html(fragment).replace(/&lt;em&gt;/g, "<mark>").replace(/&lt;\/em&gt;/g, "</mark>");
}

async function api(path) {
  const answer = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) throw new Error(body.detail || body.title || "HTTP " + answer.status);
  return body;
}

async function search() {
  const s = state();
  input.value = s.q;
  $("sort").value = s.sort;
  const p = new URLSearchParams({ size: PAGE_SIZE, page: s.page, sort: s.sort });
  if (s.q) p.set("q", s.q);
  s.categories.forEach((c) => p.append("category", c));
  s.brands.forEach((b) => p.append("brand", b));
  s.attrs.forEach((a) => p.append("attr", a));
  if (s.minPrice != null) p.set("minPrice", s.minPrice);
  if (s.maxPrice != null) p.set("maxPrice", s.maxPrice);
  try {
    const result = await api("/api/products/search?" + p);
    render(result, s);
  } catch (e) {
    $("summary").textContent = "Search is not available right now: " + e.message;
    $("results").replaceChildren();
  }
}

function render(result, s) {
  if (!performance.getEntriesByName("first-results").length) performance.mark("first-results"); // how fast the first page shows
  const pages = Math.max(1, Math.ceil(result.articles / PAGE_SIZE));
  $("summary").textContent = result.total === 0 ? "No products match." :
    `${result.articles} product${result.articles === 1 ? "" : "s"}` + (s.q ? ` for “${s.q}”` : "");
  $("results").innerHTML = result.items.map((item) => {
    const name = item.highlights?.name?.[0] ? highlighted(item.highlights.name[0]) : html(item.name);
    const about = item.highlights?.description?.[0] ? highlighted(item.highlights.description[0]) : html(item.description);
    const stock = item.inStock ? `<span class="stock-in">${item.available} in stock</span>` : `<span class="stock-out">Out of stock</span>`;
    const add = customerToken() && item.inStock
      ? ` <button type="button" class="secondary" data-add="${html(item.productId)}" data-name="${html(item.name)}">Add to basket</button>` : "";
    const image = item.images?.[0] ? `<img class="thumb" src="${html(item.images[0].url)}" alt="${html(item.images[0].alt)}" loading="lazy">` : "";
    const brand = item.brand ? `<span class="brand-name">${html(item.brand)}</span> · ` : "";
    return `<li>${image}<h2><a href="/products/${encodeURIComponent(item.productId)}">${name}</a></h2>
      <nav class="crumbs" aria-label="Category">${crumbs(item.category)}</nav>
      <p>${about}</p><p>${brand}<span class="price">${money(item.price, item.currency)}</span> · ${stock}${add}</p>${variants(item)}</li>`;
  }).join("");
  if (result.total === 0 && s.q) closest(s.q);
  facets(result.facets, s);
  $("page").textContent = `Page ${result.page + 1} of ${pages}`;
  $("previous").disabled = result.page === 0;
  $("next").disabled = result.page + 1 >= pages;
}

/** home/kitchen/mugs as links, each level a filter. */
function crumbs(category) {
  const levels = (category || "").split("/");
  return levels.map((level, i) => `<a href="?category=${encodeURIComponent(levels.slice(0, i + 1).join("/"))}">${html(level)}</a>`).join(" › ");
}

/** The other variants of the hit's article that matched, by what tells them apart. */
function variants(item) {
  const others = (item.variants || []).filter((v) => v.productId !== item.productId);
  if (!others.length) return "";
  const label = (v) => Object.entries(v.attributes || {}).filter(([k, value]) => item.attributes?.[k] !== value)
    .map(([, value]) => String(value)).join(", ") || v.name;
  return `<p class="variants">Also: ${others.map((v) =>
    `<a href="/products/${encodeURIComponent(v.productId)}">${html(label(v))}</a> ${money(v.price)}`).join(" · ")}</p>`;
}

/** Nothing matched: offer the closest product name the suggester knows for the start of the words. */
async function closest(q) {
  const prefix = q.trim().slice(0, 3);
  if (!prefix) return;
  const found = await api("/api/products/suggest?size=1&prefix=" + encodeURIComponent(prefix)).catch(() => null);
  const first = found?.suggestions?.[0];
  if (!first) return;
  const summary = $("summary");
  summary.append(" Did you mean ");
  const link = document.createElement("a");
  link.href = "?q=" + encodeURIComponent(first.name);
  link.textContent = first.name;
  link.addEventListener("click", (e) => { e.preventDefault(); go({ q: first.name }); });
  summary.append(link, "?");
}

function facets(all, s) {
  const categories = $("categories");
  categories.querySelectorAll("button").forEach((b) => b.remove());
  for (const c of all.categories) {
    const on = s.categories.includes(c.value);
    const button = facetButton(`${c.value.split("/").pop()} (${c.count})`, on, () =>
      go({ categories: on ? s.categories.filter((x) => x !== c.value) : [...s.categories, c.value] }));
    button.style.marginLeft = `${c.depth - 1}em`;
    button.style.width = `calc(100% - ${c.depth - 1}em)`;
    button.title = c.value;
    categories.append(button);
  }
  const brands = $("brands");
  brands.querySelectorAll("button").forEach((b) => b.remove());
  brands.hidden = all.brands.length === 0;
  for (const b of all.brands) {
    const on = s.brands.includes(b.value);
    brands.append(facetButton(`${b.value} (${b.count})`, on, () =>
      go({ brands: on ? s.brands.filter((x) => x !== b.value) : [...s.brands, b.value] })));
  }
  const attributes = $("attributes");
  attributes.replaceChildren();
  for (const a of all.attributes) {
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = a.label;
    set.append(legend);
    for (const v of a.values) {
      const filter = `${a.name}:${v.value}`;
      const on = s.attrs.includes(filter);
      set.append(facetButton(`${v.value}${a.unit ? " " + a.unit : ""} (${v.count})`, on, () =>
        go({ attrs: on ? s.attrs.filter((x) => x !== filter) : [...s.attrs, filter] })));
    }
    attributes.append(set);
  }
  const prices = $("prices");
  prices.querySelectorAll("button").forEach((b) => b.remove());
  for (const r of all.priceRanges.filter((r) => r.count > 0)) {
    const on = String(s.minPrice) === String(r.from) && String(s.maxPrice ?? null) === String(r.to ?? null);
    const label = r.to == null ? `${money(r.from)} and more` : `${money(r.from)} – ${money(r.to)}`;
    prices.append(facetButton(`${label} (${r.count})`, on, () =>
      go(on ? { minPrice: null, maxPrice: null } : { minPrice: r.from, maxPrice: r.to })));
  }
}

function facetButton(label, pressed, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "facet";
  b.textContent = label;
  b.setAttribute("aria-pressed", pressed);
  b.addEventListener("click", onClick);
  return b;
}

// suggestions: a combobox (arrows move, Enter picks, Escape closes)
async function suggest() {
  const prefix = input.value.trim();
  if (prefix.length < 2) return close();
  const found = await api("/api/products/suggest?size=6&prefix=" + encodeURIComponent(prefix)).catch(() => ({ suggestions: [] }));
  if (input.value.trim() !== prefix) return; // typed on meanwhile
  suggestions = found.suggestions;
  active = -1;
  list.innerHTML = suggestions.map((s, i) => `<li role="option" id="suggestion-${i}" aria-selected="false">${html(s.name)}</li>`).join("");
  list.querySelectorAll("li").forEach((li, i) => li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(i); }));
  list.hidden = suggestions.length === 0;
  input.setAttribute("aria-expanded", String(!list.hidden));
}

function close() {
  list.hidden = true;
  active = -1;
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
}

function move(by) {
  if (list.hidden || suggestions.length === 0) return;
  active = (active + by + suggestions.length) % suggestions.length;
  list.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
  input.setAttribute("aria-activedescendant", "suggestion-" + active);
}

function pick(i) {
  const chosen = suggestions[i];
  close();
  location.href = "/products/" + encodeURIComponent(chosen.productId);
}

input.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(suggest, 150); });
input.addEventListener("keydown", (e) => {
  if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
  else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
  else if (e.key === "Escape") close();
  else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(active); }
});
input.addEventListener("blur", () => setTimeout(close, 100));
$("search").addEventListener("submit", (e) => { e.preventDefault(); close(); go({ q: input.value.trim() }); });
$("sort").addEventListener("change", (e) => go({ sort: e.target.value }));
$("previous").addEventListener("click", () => go({ page: state().page - 1 }));
$("next").addEventListener("click", () => go({ page: state().page + 1 }));
addEventListener("popstate", search);

// The signed-in customer (customer.js): "Add to basket" on each result.
$("results").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-add]");
  if (!button) return;
  button.disabled = true;
  const added = await addToBasket(button.dataset.add);
  button.disabled = false;
  $("notice").textContent = added.ok ? `Added ${button.dataset.name} to your basket.` : "Not added: " + added.problem;
});

search();
customerAccount((problem) => { $("notice").textContent = problem; });
