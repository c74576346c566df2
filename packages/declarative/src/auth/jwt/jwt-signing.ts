// Signing a JWT as PyJWT does (the CDK's JwtAuthenticator calls `jwt.encode`), with Node's crypto:
// HMAC (HS*), RSA PKCS#1 v1.5 (RS*), RSA-PSS with a salt the size of the digest (PS*), ECDSA with
// the curve of the algorithm and a raw r||s signature (ES*, ES256K on secp256k1), and EdDSA.
import { constants, createHmac, createPrivateKey, type KeyObject, sign as signData } from 'node:crypto';
import { ConnectorError } from '@tributary/cdk';

export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'ES256'
  | 'ES256K'
  | 'ES384'
  | 'ES512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'EdDSA';

interface Scheme {
  readonly family: 'hmac' | 'rsa' | 'pss' | 'ec' | 'eddsa';
  readonly digest: string | null;
  /** The curve an ES* key must be on (Node's name). */
  readonly curve?: string;
}

const SCHEMES: Readonly<Record<JwtAlgorithm, Scheme>> = {
  HS256: { family: 'hmac', digest: 'sha256' },
  HS384: { family: 'hmac', digest: 'sha384' },
  HS512: { family: 'hmac', digest: 'sha512' },
  RS256: { family: 'rsa', digest: 'sha256' },
  RS384: { family: 'rsa', digest: 'sha384' },
  RS512: { family: 'rsa', digest: 'sha512' },
  PS256: { family: 'pss', digest: 'sha256' },
  PS384: { family: 'pss', digest: 'sha384' },
  PS512: { family: 'pss', digest: 'sha512' },
  ES256: { family: 'ec', digest: 'sha256', curve: 'prime256v1' },
  ES256K: { family: 'ec', digest: 'sha256', curve: 'secp256k1' },
  ES384: { family: 'ec', digest: 'sha384', curve: 'secp384r1' },
  ES512: { family: 'ec', digest: 'sha512', curve: 'secp521r1' },
  EdDSA: { family: 'eddsa', digest: null },
};

/** PyJWT refuses these as HMAC secrets: they are public keys or certificates. */
const NOT_HMAC_SECRETS = [
  /-----BEGIN (?:[A-Z]+ )?PUBLIC KEY-----/,
  /-----BEGIN CERTIFICATE-----/,
  /^ssh-(?:rsa|dss|ed25519) /,
  /^ecdsa-sha2-/,
];

export function isJwtAlgorithm(value: unknown): value is JwtAlgorithm {
  return typeof value === 'string' && Object.hasOwn(SCHEMES, value);
}

export function base64Url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The signature of `signingInput` (`<header>.<payload>`), base64url-encoded. */
export function signJwt(signingInput: string, algorithm: JwtAlgorithm, key: string, passphrase: string | null): string {
  const scheme = SCHEMES[algorithm];
  if (scheme.family === 'hmac') {
    if (NOT_HMAC_SECRETS.some((pattern) => pattern.test(key))) {
      throw new Error('The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.');
    }
    return createHmac(scheme.digest as string, Buffer.from(key, 'utf8'))
      .update(signingInput)
      .digest('base64url');
  }
  const privateKey = loadPrivateKey(key, passphrase);
  checkKeyType(privateKey, scheme, algorithm);
  const data = Buffer.from(signingInput, 'utf8');
  if (scheme.family === 'eddsa') return signData(null, data, privateKey).toString('base64url');
  if (scheme.family === 'ec') return signData(scheme.digest, data, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  if (scheme.family === 'pss') {
    const options = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
    return signData(scheme.digest, data, options).toString('base64url');
  }
  return signData(scheme.digest, data, privateKey).toString('base64url');
}

/** A PEM private key; keys stored with `\n` escaped (as in some secret stores) are read too. */
function loadPrivateKey(key: string, passphrase: string | null): KeyObject {
  const pem = key.includes('-----BEGIN') && !key.includes('\n') ? key.replaceAll('\\n', '\n') : key;
  try {
    return createPrivateKey(passphrase === null ? { key: pem } : { key: pem, passphrase });
  } catch (error) {
    throw new Error(`Could not read the private key${passphrase === null ? '' : ' with the passphrase'}: ${(error as Error).message}`);
  }
}

function checkKeyType(key: KeyObject, scheme: Scheme, algorithm: JwtAlgorithm): void {
  const type = key.asymmetricKeyType;
  const fits =
    scheme.family === 'eddsa'
      ? type === 'ed25519' || type === 'ed448'
      : scheme.family === 'ec'
        ? type === 'ec' && key.asymmetricKeyDetails?.namedCurve === scheme.curve
        : type === 'rsa' || (scheme.family === 'pss' && type === 'rsa-pss');
  if (!fits) throw new ConnectorError(`The key is a ${type ?? 'symmetric'} key, which cannot sign ${algorithm}`);
}
