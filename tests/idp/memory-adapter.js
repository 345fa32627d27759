// A plain in-memory storage adapter for oidc-provider. Unlike the built-in one it never drops entries on its own,
// so the control API can make a pending backchannel request expire and the client sees `expired_token`.
// Entries live as long as the process; this provider is for tests and demos only.

const storage = new Map();
const grants = new Map();

const keyFor = (model, id) => `${model}:${id}`;

export function expireStored(model, id) {
  const payload = storage.get(keyFor(model, id));
  if (payload) payload.exp = Math.floor(Date.now() / 1000) - 1;
}

export class MemoryAdapter {
  constructor(model) {
    this.model = model;
  }

  async upsert(id, payload) {
    const key = keyFor(this.model, id);
    storage.set(key, payload);
    if (payload.grantId) {
      const members = grants.get(payload.grantId) ?? new Set();
      members.add(key);
      grants.set(payload.grantId, members);
    }
    if (payload.uid) storage.set(`uid:${payload.uid}`, id);
    if (payload.userCode) storage.set(`userCode:${payload.userCode}`, id);
  }

  async find(id) {
    return storage.get(keyFor(this.model, id));
  }

  async findByUid(uid) {
    return this.find(storage.get(`uid:${uid}`));
  }

  async findByUserCode(userCode) {
    return this.find(storage.get(`userCode:${userCode}`));
  }

  async consume(id) {
    const payload = storage.get(keyFor(this.model, id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    storage.delete(keyFor(this.model, id));
  }

  async revokeByGrantId(grantId) {
    for (const key of grants.get(grantId) ?? []) storage.delete(key);
    grants.delete(grantId);
  }
}
