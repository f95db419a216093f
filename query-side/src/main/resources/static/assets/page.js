// What the pages share.
"use strict";

const $ = (id) => document.getElementById(id);

/** Text made safe to put into HTML. */
function html(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const money = (price, currency) => new Intl.NumberFormat(undefined, { style: "currency", currency: currency || "EUR" }).format(price);

// Sign-in at the identity provider (authorization code with PKCE, RFC 7636), for a page whose public client the service
// names: its RFC 9728 metadata says which provider and client, the provider's discovery document says where.
const PENDING_SIGN_IN = "emporium.sign-in";
const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** The provider and this page's client there ({clientId, authorize, token, endSession}), or null when there is none. */
async function identityProvider(clientParameter) {
  const metadata = await fetch("/.well-known/oauth-protected-resource").then((r) => r.json()).catch(() => ({}));
  const issuer = metadata.authorization_servers?.[0];
  const clientId = metadata[clientParameter];
  if (!issuer || !clientId) return null;
  const discovery = await fetch(issuer.replace(/\/$/, "") + "/.well-known/openid-configuration").then((r) => r.json()).catch(() => null);
  if (!discovery?.authorization_endpoint || !discovery?.token_endpoint) return null;
  return { issuer: issuer.replace(/\/$/, ""), clientId, authorize: discovery.authorization_endpoint, token: discovery.token_endpoint,
           endSession: discovery.end_session_endpoint };
}

/** The provider's authorization request for this page, remembered (verifier, state) in this tab only. */
async function authorizationRequest(p, redirectUri) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_SIGN_IN, JSON.stringify({ ...p, verifier, state, redirectUri }));
  return p.authorize + "?" + new URLSearchParams({ response_type: "code", client_id: p.clientId, redirect_uri: redirectUri,
    scope: "openid", state, code_challenge: challenge, code_challenge_method: "S256" });
}

/** Whether this page was opened by the provider, back from a sign-in (with a code or an error). */
function backFromSignIn() {
  const back = new URLSearchParams(location.search);
  return back.has("code") || (back.has("error") && back.has("state"));
}

/** Back from the provider with a code: trades it for tokens with the verifier only this tab knows. */
async function completeSignIn(cleanPath) {
  const back = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_SIGN_IN) || "null");
  sessionStorage.removeItem(PENDING_SIGN_IN);
  history.replaceState(null, "", cleanPath);
  if (back.get("error")) throw new Error("The identity provider refused: " + back.get("error"));
  if (!pending || pending.state !== back.get("state")) throw new Error("This sign-in was not started here; start it again.");
  const answer = await fetch(pending.token, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: back.get("code"), redirect_uri: pending.redirectUri,
      client_id: pending.clientId, code_verifier: pending.verifier }) });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok || !body.access_token) throw new Error("The identity provider gave no token: " + (body.error || answer.status));
  return body;
}

/** The claims of a JWT, read without checking it (the page only shows them; the services check the token). */
function claimsOf(jwt) {
  try {
    return JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return {};
  }
}
