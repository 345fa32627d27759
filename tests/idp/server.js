// A real OpenID provider (node oidc-provider) for AgentSafety.OAuth tests and demos.
//
// It serves CIBA in poll mode, plain RFC 8693 token exchange and Auth0 Token Vault's federated-connection grant,
// and adds what oidc-provider does not do by itself: an `interval` in backchannel responses and `slow_down` answers
// to polls that come too early. A loopback-only control API under /control approves, denies or expires pending
// requests and tunes the provider's behaviour, so tests stay fast and deterministic.
//
// Usage: node server.js [--port N] [--auto-approve[=MS]] [--accept-any-user] [--quiet].
// Port 0 (the default) takes a free port. --accept-any-user makes any login hint a user with alice's connections,
// for demos whose signed-in user is not alice or bob.
// On start it prints one JSON line {"issuer": ..., "control": ...}; tests read it to find the provider.

import http from 'node:http';
import crypto from 'node:crypto';
import querystring from 'node:querystring';

import Provider, { errors } from 'oidc-provider';

import { MemoryAdapter, expireStored } from './memory-adapter.js';

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const FEDERATED_GRANT = 'urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token';
const FEDERATED_TOKEN_TYPE = 'http://auth0.com/oauth/token-type/federated-connection-access-token';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';

// The users this provider knows, and the external accounts each one has connected (with the scopes they granted).
const accounts = {
  alice: {
    email: 'alice@example.com',
    connections: {
      'google-oauth2': ['https://www.googleapis.com/auth/calendar.freebusy',
        'https://www.googleapis.com/auth/calendar.readonly'],
      slack: ['channels:read'],
    },
  },
  bob: { email: 'bob@example.com', connections: {} },
};

// Connections the provider can issue tokens for; `audience` is what plain RFC 8693 clients send instead of the name.
const connections = {
  'google-oauth2': { audience: 'https://www.googleapis.com/calendar' },
  slack: { audience: 'https://slack.com/api' },
};

const defaultSettings = () => ({
  interval: 1, // seconds between polls this provider expects
  sendInterval: true, // whether backchannel responses tell the client the interval
  slowDownPolls: 0, // answer the first N polls of each request with slow_down, whatever their timing
  slowDownIncrementMs: 5000, // how much a slow_down raises the interval this provider enforces (5 s per spec)
  enforceInterval: true, // answer slow_down to a poll that comes before the interval has passed
  toleranceMs: 50,
  retryAfterSeconds: 0, // when > 0, slow_down and failed-poll answers carry Retry-After
  failPolls: 0, // answer the next N polls with a plain-text 503, as an overloaded provider would
  delayMs: 0, // delay every backchannel and token response (a slow provider)
  bindingMessageMaxLength: 64, // Auth0's limit
  autoApproveMs: -1, // >= 0 approves each request after this many milliseconds (demos)
  tokenExpiresIn: 3600, // lifetime of exchanged tokens
});

const args = process.argv.slice(2);
const argValue = (name) => {
  const match = args.find((arg) => arg === name || arg.startsWith(`${name}=`));
  if (!match) return undefined;
  if (match.includes('=')) return match.split('=')[1];
  const next = args[args.indexOf(match) + 1];
  return next && !next.startsWith('--') ? next : '';
};

const quiet = argValue('--quiet') !== undefined;
const acceptAnyUser = argValue('--accept-any-user') !== undefined;
const startupAutoApprove = argValue('--auto-approve');
const requestedPort = Number(argValue('--port') ?? process.env.PORT ?? 0);

let settings = defaultSettings();
if (startupAutoApprove !== undefined) settings.autoApproveMs = Number(startupAutoApprove || 2000);
const startupSettings = { ...settings };

// Pending and finished backchannel requests, by our own short id (the auth_req_id stays out of the console).
const cibaRequests = new Map();
let nextRequestNumber = 1;
const exchanges = [];
const subjectTokens = new Map();

const say = (line) => { if (!quiet) console.log(line); };

const { privateKey: clientPrivateKey, publicKey: clientPublicKey } = crypto.generateKeyPairSync('ec',
  { namedCurve: 'P-256' });
const clientJwk = { ...clientPublicKey.export({ format: 'jwk' }), kid: 'agent-jwt-key', use: 'sig', alg: 'ES256' };

// Signing keys live only as long as the process; tokens from an earlier run are worthless, as they should be.
const { privateKey: signingKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...signingKey.export({ format: 'jwk' }), kid: 'idp-signing', use: 'sig', alg: 'RS256' };

const server = http.createServer();
await new Promise((resolve) => server.listen(requestedPort, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const commonClient = {
  grant_types: [CIBA_GRANT, TOKEN_EXCHANGE_GRANT, FEDERATED_GRANT, 'refresh_token'],
  response_types: [],
  redirect_uris: [],
  backchannel_token_delivery_mode: 'poll',
};

const provider = new Provider(issuer, {
  adapter: MemoryAdapter,
  jwks: { keys: [signingJwk] },
  clients: [
    { ...commonClient, client_id: 'agent', client_secret: 'agent-secret',
      token_endpoint_auth_method: 'client_secret_basic' },
    // Same client seen through the two other authentication methods the gate supports.
    { ...commonClient, client_id: 'agent-post', client_secret: 'agent-post-secret',
      token_endpoint_auth_method: 'client_secret_post' },
    { ...commonClient, client_id: 'agent-jwt', token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [clientJwk] } },
  ],
  scopes: ['openid', 'offline_access', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email'] },
  findAccount: async (ctx, id) => (knownAccount(id)
    ? { accountId: id, claims: async () => ({ sub: id, email: knownAccount(id).email }) }
    : undefined),
  features: {
    devInteractions: { enabled: false },
    ciba: {
      enabled: true,
      deliveryModes: ['poll'],
      processLoginHint: async (ctx, loginHint) => accountFromLoginHint(loginHint),
      validateBindingMessage: async (ctx, message) => validateBindingMessage(message),
      validateRequestContext: async () => {},
      verifyUserCode: async () => {},
      triggerAuthenticationDevice: async (ctx, request) => rememberCibaRequest(ctx, request),
    },
  },
  ttl: {
    BackchannelAuthenticationRequest: (ctx) => Math.min(600, Number(ctx?.oidc?.params.requested_expiry) || 300),
    Grant: () => 3600,
    AccessToken: () => 3600,
    IdToken: () => 3600,
    RefreshToken: () => 86400,
  },
  issueRefreshToken: async (ctx, client, code) => code.scopes.has('offline_access'),
});
provider.proxy = false;

function knownAccount(id) {
  if (accounts[id]) return accounts[id];
  if (!acceptAnyUser || typeof id !== 'string' || !/^[\w.@|:-]{1,128}$/.test(id)) return undefined;
  accounts[id] = { email: `${id}@example.com`, connections: { ...accounts.alice.connections } };
  return accounts[id];
}

// Plain hints name the user or their email; Auth0's iss_sub form must name this issuer.
function accountFromLoginHint(loginHint) {
  let hint = loginHint;
  if (loginHint.trim().startsWith('{')) {
    let parsed;
    try { parsed = JSON.parse(loginHint); } catch { return undefined; }
    if (parsed.format !== 'iss_sub' || parsed.iss !== issuer) return undefined;
    hint = parsed.sub;
  }
  const byEmail = Object.keys(accounts).find((id) => accounts[id].email === hint);
  return byEmail ?? (knownAccount(hint) ? hint : undefined);
}

// Auth0's rule (letters, digits, space and +-_.,:#), with a length the control API can lower.
function validateBindingMessage(message) {
  if (message === undefined) return;
  const pattern = new RegExp(`^[a-zA-Z0-9\\s+\\-_.,:#]{1,${settings.bindingMessageMaxLength}}$`);
  if (!pattern.test(message)) {
    throw new errors.InvalidBindingMessage(
      `binding_message must be 1-${settings.bindingMessageMaxLength} letters, digits, spaces or +-_.,:#`);
  }
}

function rememberCibaRequest(ctx, request) {
  // oidc-provider keeps only the parameters it knows; Auth0's `audience` is read from the raw form.
  const form = typeof ctx.req.body === 'string' ? querystring.parse(ctx.req.body) : {};
  const entry = {
    id: nextRequestNumber++,
    authReqId: request.jti,
    accountId: request.accountId,
    clientId: request.clientId,
    scope: request.scope,
    bindingMessage: request.params.binding_message ?? null,
    audience: form.audience ?? null,
    requestedExpiry: request.params.requested_expiry ?? null,
    status: 'pending',
    createdAt: Date.now(),
    intervalMs: settings.interval * 1000,
    slowDownsLeft: settings.slowDownPolls,
    lastPollAt: Date.now(),
    polls: [],
  };
  cibaRequests.set(entry.id, entry);
  say(`approval requested #${entry.id} for ${entry.accountId}: "${entry.bindingMessage ?? ''}"`);
  say(`  approve: curl -X POST ${issuer}/control/requests/${entry.id}/approve`);
  say(`  deny:    curl -X POST ${issuer}/control/requests/${entry.id}/deny`);
  if (settings.autoApproveMs >= 0) {
    setTimeout(() => answer(entry, 'approve').catch((err) => say(`auto-approve failed: ${err.message}`)),
      settings.autoApproveMs);
  }
}

async function answer(entry, action) {
  if (entry.status !== 'pending') return false;
  const request = await provider.BackchannelAuthenticationRequest.find(entry.authReqId, { ignoreExpiration: true });
  if (!request) return false;
  if (action === 'approve') {
    const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
    grant.addOIDCScope(request.scope);
    await grant.save();
    await provider.backchannelResult(request, grant);
    entry.status = 'approved';
  } else if (action === 'deny') {
    await provider.backchannelResult(request, new errors.AccessDenied('the end-user denied the request'));
    entry.status = 'denied';
  } else if (action === 'expire') {
    expireStored('BackchannelAuthenticationRequest', entry.authReqId);
    entry.status = 'expired';
  } else {
    return false;
  }
  say(`request #${entry.id} ${entry.status}`);
  return true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Reads the form body once and hands it to oidc-provider as an already parsed body, so this layer can look at
// grant_type and auth_req_id before the provider answers.
async function readForm(ctx) {
  if (!ctx.is('application/x-www-form-urlencoded')) return {};
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString('utf8');
  ctx.req.body = raw;
  return querystring.parse(raw);
}

const backchannelPath = new URL(provider.urlFor('backchannel_authentication')).pathname;
const tokenPath = new URL(provider.urlFor('token')).pathname;

provider.use(async (ctx, next) => {
  const isBackchannel = ctx.method === 'POST' && ctx.path === backchannelPath;
  const isToken = ctx.method === 'POST' && ctx.path === tokenPath;
  if (!isBackchannel && !isToken) return next();

  const form = await readForm(ctx);
  if (settings.delayMs > 0) await sleep(settings.delayMs);

  if (isToken && form.grant_type === CIBA_GRANT) {
    const entry = [...cibaRequests.values()].find((candidate) => candidate.authReqId === form.auth_req_id);
    if (entry && pacePoll(ctx, entry)) return undefined;
    await next();
    if (entry) {
      const error = ctx.body?.error;
      entry.polls[entry.polls.length - 1].result = error ?? 'tokens';
      if (!error) entry.status = 'issued';
    }
    return undefined;
  }

  await next();
  if (isBackchannel && ctx.status === 200 && ctx.body?.auth_req_id && settings.sendInterval) {
    ctx.body = { ...ctx.body, interval: settings.interval };
  }
  return undefined;
});

// Records the poll and answers slow_down when the request's rules say so; returns whether it answered.
function pacePoll(ctx, entry) {
  const now = Date.now();
  const gapMs = now - entry.lastPollAt;
  const early = settings.enforceInterval && gapMs + settings.toleranceMs < entry.intervalMs;
  const afterIssue = entry.status === 'issued';
  entry.lastPollAt = now;
  entry.polls.push({ gapMs, early, afterIssue, expectedMs: entry.intervalMs, result: null });
  if (settings.failPolls > 0) {
    settings.failPolls -= 1;
    entry.polls[entry.polls.length - 1].result = 'unavailable';
    ctx.status = 503;
    if (settings.retryAfterSeconds > 0) ctx.set('Retry-After', String(settings.retryAfterSeconds));
    ctx.type = 'text/plain';
    ctx.body = 'service unavailable';
    return true;
  }
  if (!early && entry.slowDownsLeft <= 0) return false;

  entry.slowDownsLeft = Math.max(0, entry.slowDownsLeft - 1);
  entry.intervalMs += settings.slowDownIncrementMs;
  entry.polls[entry.polls.length - 1].result = 'slow_down';
  ctx.status = 400;
  ctx.set('Cache-Control', 'no-store');
  if (settings.retryAfterSeconds > 0) ctx.set('Retry-After', String(settings.retryAfterSeconds));
  ctx.body = { error: 'slow_down', error_description: 'polling too fast, add at least 5 seconds to the interval' };
  return true;
}

async function findSubject(subjectToken, subjectTokenType) {
  const minted = subjectTokens.get(subjectToken);
  if (minted) {
    return minted.type === subjectTokenType && minted.expiresAt > Date.now() ? minted.accountId : undefined;
  }
  const model = subjectTokenType === REFRESH_TOKEN_TYPE ? provider.RefreshToken : provider.AccessToken;
  const token = await model.find(subjectToken);
  return token && !token.isExpired ? token.accountId : undefined;
}

function issueExchangedToken(ctx, record, issuedTokenType) {
  exchanges.push(record);
  ctx.body = {
    access_token: `xt_${crypto.randomBytes(24).toString('base64url')}`,
    issued_token_type: issuedTokenType,
    token_type: 'Bearer',
    expires_in: settings.tokenExpiresIn,
    scope: record.scope,
  };
}

const requestedScopes = (scope) => (scope ?? '').split(' ').filter(Boolean);

// Plain RFC 8693: audience (or resource) names the API, scope what the tool needs; all or nothing.
provider.registerGrantType(TOKEN_EXCHANGE_GRANT, async (ctx) => {
  const params = ctx.oidc.params;
  if (![ACCESS_TOKEN_TYPE, REFRESH_TOKEN_TYPE].includes(params.subject_token_type)) {
    throw new errors.InvalidRequest('unsupported subject_token_type');
  }
  const accountId = await findSubject(params.subject_token ?? '', params.subject_token_type);
  if (!accountId) throw new errors.InvalidGrant('subject token is invalid or expired');

  const target = params.audience ?? params.resource;
  const connection = Object.keys(connections)
    .find((name) => name === target || connections[name].audience === target);
  if (!connection) throw new errors.InvalidTarget('unknown audience');

  const granted = knownAccount(accountId).connections[connection];
  if (!granted) throw new errors.ConsentRequired(`the user has not connected ${connection}`);
  const scopes = requestedScopes(params.scope);
  const refused = scopes.filter((scope) => !granted.includes(scope));
  if (refused.length > 0) throw new errors.InvalidScope('requested scope was not granted', refused.join(' '));

  issueExchangedToken(ctx, { grant: 'rfc8693', accountId, connection, scope: scopes.join(' '), at: Date.now() },
    ACCESS_TOKEN_TYPE);
}, ['subject_token', 'subject_token_type', 'requested_token_type', 'audience', 'resource', 'scope',
  'actor_token', 'actor_token_type']);

// Auth0 Token Vault: `connection` names the external account; the answer carries the scopes the user granted.
provider.registerGrantType(FEDERATED_GRANT, async (ctx) => {
  const params = ctx.oidc.params;
  if (params.requested_token_type !== FEDERATED_TOKEN_TYPE) {
    throw new errors.InvalidRequest('requested_token_type must be the federated connection access token type');
  }
  if (![ACCESS_TOKEN_TYPE, REFRESH_TOKEN_TYPE].includes(params.subject_token_type)) {
    throw new errors.InvalidRequest('unsupported subject_token_type');
  }
  const accountId = await findSubject(params.subject_token ?? '', params.subject_token_type);
  if (!accountId) throw new errors.InvalidGrant('subject token is invalid or expired');
  if (!params.connection) throw new errors.InvalidRequest('missing required parameter connection');

  const granted = knownAccount(accountId).connections[params.connection];
  const hintMatches = !params.login_hint || params.login_hint === knownAccount(accountId).email;
  if (!granted || !hintMatches) {
    const error = new errors.CustomOIDCProviderError('federated_connection_refresh_token_not_found',
      'Federated connection Refresh Token not found.');
    error.status = 401;
    error.statusCode = 401;
    throw error;
  }
  const scopes = requestedScopes(params.scope).filter((scope) => granted.includes(scope));
  issueExchangedToken(ctx,
    { grant: 'federated', accountId, connection: params.connection, scope: scopes.join(' '), at: Date.now() },
    FEDERATED_TOKEN_TYPE);
}, ['subject_token', 'subject_token_type', 'requested_token_type', 'connection', 'login_hint', 'scope']);

// The control API: loopback only, never part of a real provider.
async function control(req, res, url) {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const remote = req.socket.remoteAddress;
  if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return send(403, { error: 'loopback only' });

  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  let body = {};
  if (text) {
    try { body = JSON.parse(text); } catch { return send(400, { error: 'body must be JSON' }); }
  }

  const path = url.pathname.replace(/\/+$/, '');
  if (req.method === 'GET' && path === '/control/requests') return send(200, [...cibaRequests.values()]);
  const action = path.match(/^\/control\/requests\/(\d+|latest)\/(approve|deny|expire)$/);
  if (req.method === 'POST' && action) {
    const entry = action[1] === 'latest'
      ? [...cibaRequests.values()].reverse().find((candidate) => candidate.status === 'pending')
      : cibaRequests.get(Number(action[1]));
    if (!entry) return send(404, { error: 'no such pending request' });
    const done = await answer(entry, action[2]);
    return send(done ? 200 : 409, { id: entry.id, status: entry.status });
  }
  if (path === '/control/settings') {
    if (req.method === 'POST') settings = { ...settings, ...body };
    return send(200, settings);
  }
  if (req.method === 'POST' && path === '/control/reset') {
    settings = { ...startupSettings };
    exchanges.length = 0;
    return send(200, settings);
  }
  if (req.method === 'POST' && path === '/control/subject-tokens') {
    if (!knownAccount(body.user)) return send(404, { error: 'unknown user' });
    const mint = (type, lifetime) => {
      const value = `st_${crypto.randomBytes(24).toString('base64url')}`;
      subjectTokens.set(value, { accountId: body.user, type, expiresAt: Date.now() + lifetime * 1000 });
      return value;
    };
    return send(200, {
      access_token: mint(ACCESS_TOKEN_TYPE, body.expiresIn ?? 3600),
      refresh_token: mint(REFRESH_TOKEN_TYPE, body.expiresIn ?? 86400),
    });
  }
  if (req.method === 'GET' && path === '/control/exchanges') return send(200, exchanges);
  if (req.method === 'GET' && path === '/control/client-key') {
    return send(200, {
      clientId: 'agent-jwt',
      keyId: clientJwk.kid,
      privateKeyPem: clientPrivateKey.export({ format: 'pem', type: 'pkcs8' }),
    });
  }
  return send(404, { error: 'unknown control endpoint' });
}

const providerCallback = provider.callback();
server.on('request', (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname.startsWith('/control')) {
    control(req, res, url).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err.message }));
    });
    return;
  }
  providerCallback(req, res);
});

console.log(JSON.stringify({ issuer, control: `${issuer}/control` }));
if (settings.autoApproveMs >= 0) say(`auto-approving every request after ${settings.autoApproveMs} ms`);
const userList = acceptAnyUser ? 'any' : Object.keys(accounts).join(', ');
say(`client: agent / agent-secret (client_secret_basic); users: ${userList}`);
say(`pending approvals: curl ${issuer}/control/requests`);
say(`approve the latest: curl -X POST ${issuer}/control/requests/latest/approve`);
say(`a subject token for token exchange: curl -X POST ${issuer}/control/subject-tokens -d '{"user":"alice"}'`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test fixture closes stdin when it goes away; stop then too, so no provider outlives its tests.
if (process.env.IDP_EXIT_ON_STDIN_CLOSE === '1') {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
