#!/usr/bin/env node
// Independent ES256 JWT verifier for ascsync's tests: Node's crypto, not OpenSSL through our code.
// Usage: node verify-es256.mjs --public-key key.pem --kid KID [--iss ISSUER] [--max-lifetime 1200] < tokens
// Reads one JWT per line from stdin; exits 0 and prints "verified N tokens" only if every token is valid:
// header {alg: ES256, kid, typ: JWT}, aud appstoreconnect-v1, iss (or sub=user), iat not in the future,
// exp - iat <= max lifetime, and a 64-byte raw (IEEE P1363) signature that verifies.
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const publicKey = createPublicKey(readFileSync(args['public-key']));
const maxLifetime = Number(args['max-lifetime'] ?? 1200);
const now = Math.floor(Date.now() / 1000);
const base64url = /^[A-Za-z0-9_-]+$/;

function fail(index, why) {
  console.error(`token ${index + 1}: ${why}`);
  process.exit(1);
}

const tokens = readFileSync(0, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
if (tokens.length === 0) fail(-1, 'no tokens on stdin');
tokens.forEach((token, index) => {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => base64url.test(part))) fail(index, 'not three base64url parts');
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  const signature = Buffer.from(parts[2], 'base64url');
  if (header.alg !== 'ES256' || header.typ !== 'JWT' || header.kid !== args.kid) fail(index, `bad header ${JSON.stringify(header)}`);
  if (Object.keys(header).length !== 3) fail(index, 'unexpected header members');
  if (payload.aud !== 'appstoreconnect-v1') fail(index, `bad aud ${payload.aud}`);
  if (args.iss !== undefined ? payload.iss !== args.iss : payload.sub !== 'user') fail(index, 'bad iss/sub');
  if (!Number.isInteger(payload.iat) || !Number.isInteger(payload.exp)) fail(index, 'iat/exp not integers');
  if (payload.iat > now + 2) fail(index, `iat ${payload.iat} is in the future (now ${now})`);
  if (payload.exp - payload.iat > maxLifetime) fail(index, `lifetime ${payload.exp - payload.iat} s > ${maxLifetime}`);
  if (payload.exp <= now) fail(index, 'already expired');
  if (signature.length !== 64) fail(index, `signature is ${signature.length} bytes, not 64`);
  const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!ok) fail(index, 'signature does not verify');
});
console.log(`verified ${tokens.length} tokens`);
