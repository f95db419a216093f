// The signed-in customer, on every page of the shop: sign-in and sign-up at the identity provider (page.js), who is
// signed in, sign-out, links to the basket and their orders, and calls of the API with the customer's token.
"use strict";

// every shop page's header ends with the account bar, shown once the service names an identity provider
document.querySelector("header.bar").insertAdjacentHTML("beforeend", `
  <nav id="account" class="account" aria-label="Account" hidden>
    <span id="signed-in-as" hidden></span>
    <a id="basket-link" href="/basket" hidden>Basket</a>
    <a id="orders-link" href="/orders" hidden>My orders</a>
    <button id="storefront-sign-in" type="button">Sign in</button>
    <button id="storefront-sign-up" type="button" class="secondary">Sign up</button>
    <button id="storefront-sign-out" type="button" class="secondary" hidden>Sign out</button>
  </nav>`);

const CUSTOMER_TOKEN = "emporium.customer.token";
const CUSTOMER_ID_TOKEN = "emporium.customer.id-token";

/** The customer's access token while it is valid, else null. */
function customerToken() {
  const token = sessionStorage.getItem(CUSTOMER_TOKEN);
  if (!token || claimsOf(token).exp * 1000 <= Date.now()) return null;
  return token;
}

/**
 * Calls the API as the customer: {ok, status, body, etag, problem} where problem is the RFC 9457 answer's words.
 * Never throws for an answer; a network failure reads as a problem too.
 */
async function customerApi(path, { method = "GET", body, headers = {} } = {}) {
  const token = customerToken();
  const all = { Accept: "application/json", ...headers };
  if (token) all.Authorization = "Bearer " + token;
  if (body !== undefined) all["Content-Type"] = "application/json";
  try {
    const answer = await fetch(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
    const parsed = await answer.json().catch(() => ({}));
    const problem = answer.ok ? null : (parsed.detail || parsed.title || "The shop answered " + answer.status + ".");
    return { ok: answer.ok, status: answer.status, body: parsed, etag: answer.headers.get("ETag"), problem };
  } catch (e) {
    return { ok: false, status: 0, body: {}, etag: null, problem: "The shop cannot be reached; check the connection and try again." };
  }
}

/** Puts one more unit of a product in the basket (a change made meanwhile in another tab is read first). */
async function addToBasket(productId) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const basket = await customerApi("/api/basket");
    if (!basket.ok) return basket;
    const line = basket.body.lines.find((l) => l.productId === productId);
    const changed = await customerApi("/api/basket/lines/" + encodeURIComponent(productId), { method: "PUT",
      body: { quantity: (line ? line.quantity : 0) + 1 }, headers: { "If-Match": basket.etag } });
    if (changed.status !== 412) return changed;
  }
  return { ok: false, problem: "The basket keeps changing in another tab; try again." };
}

/** Sets up the account bar; resolves to the customer's token, or null when nobody is signed in. */
async function customerAccount(onProblem) {
  if (backFromSignIn()) {
    try {
      const tokens = await completeSignIn(location.pathname);
      sessionStorage.setItem(CUSTOMER_TOKEN, tokens.access_token);
      if (tokens.id_token) sessionStorage.setItem(CUSTOMER_ID_TOKEN, tokens.id_token);
    } catch (e) {
      onProblem(e.message);
    }
  }
  const provider = await identityProvider("emporium_storefront_client_id");
  if (!provider) return null;
  $("account").hidden = false;
  const token = customerToken();
  const idToken = sessionStorage.getItem(CUSTOMER_ID_TOKEN) || "";
  if (!token) {
    sessionStorage.removeItem(CUSTOMER_TOKEN);
    $("storefront-sign-in").addEventListener("click", async () => location.assign(await authorizationRequest(provider, location.origin + "/")));
    $("storefront-sign-up").addEventListener("click", async () => location.assign(provider.issuer + "/signup?"
        + new URLSearchParams({ continue: await authorizationRequest(provider, location.origin + "/") })));
    return null;
  }
  $("storefront-sign-in").hidden = $("storefront-sign-up").hidden = true;
  $("storefront-sign-out").hidden = $("signed-in-as").hidden = $("basket-link").hidden = $("orders-link").hidden = false;
  $("signed-in-as").textContent = "Signed in as " + (claimsOf(idToken).email || claimsOf(token).sub);
  $("storefront-sign-out").addEventListener("click", () => {
    sessionStorage.removeItem(CUSTOMER_TOKEN);
    sessionStorage.removeItem(CUSTOMER_ID_TOKEN);
    // ends the provider's session too, which sends the customer back here
    if (provider.endSession && idToken) {
      location.assign(provider.endSession + "?" + new URLSearchParams({ id_token_hint: idToken, client_id: provider.clientId,
        post_logout_redirect_uri: location.origin + "/" }));
    } else {
      location.assign("/");
    }
  });
  return token;
}
