// What the pages share.
"use strict";

const $ = (id) => document.getElementById(id);

/** Text made safe to put into HTML. */
function html(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const money = (price, currency) => new Intl.NumberFormat(undefined, { style: "currency", currency: currency || "EUR" }).format(price);
