// The CDK's JwtAuthenticator: a JWT signed at each use (PyJWT's encoding: sorted compact header
// with `typ: JWT` unless set, then the payload with `iat`, `exp` = iat + token_duration and
// `nbf`), sent as `[<header_prefix> ]<jwt>` where its request option says (the `Authorization`
// header by default). Templates may call `json_loads`, as in the CDK.
import { ConnectorError, registerSecret } from '@tributary/cdk';
import type { JwtAuthenticator as JwtModel } from '../../components/component-types.js';
import { parametersOf } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import { jsonDumps } from '../../interpolation/builtins/json-dumps.js';
import { parseJsonText } from '../../interpolation/json-values.js';
import { PyBuiltinFunction } from '../../interpolation/values/callable.js';
import type { PlainDict, PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';
import { RequestOption, type RequestValues } from '../../requests/request-option.js';
import type { AuthenticatorEnvironment } from '../authenticator-environment.js';
import { type AuthOptionTarget, HeaderAuthenticator } from '../declarative-authenticator.js';
import { InterpolatedMapping } from '../interpolated-mapping.js';
import { base64Url, isJwtAlgorithm, type JwtAlgorithm, signJwt } from './jwt-signing.js';

const RESERVED_HEADERS = ['kid', 'alg', 'typ', 'cty'];
const RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp', 'nbf'];
const JSON_LOADS = new PyBuiltinFunction('loads', (args) => parseJsonText(pyStr(args[0] ?? null)));
const COMPACT: readonly [string, string] = [',', ':'];

type Field = InterpolatedString | null;

export class JwtAuthenticator extends HeaderAuthenticator {
  readonly kind = 'JwtAuthenticator';
  private readonly algorithm: JwtAlgorithm;
  private readonly option: RequestOption;
  private readonly fields: Record<'secret' | 'prefix' | 'passphrase' | 'kid' | 'typ' | 'cty' | 'iss' | 'sub' | 'aud', Field>;
  private readonly additionalHeaders: InterpolatedMapping;
  private readonly additionalPayload: InterpolatedMapping;

  constructor(
    private readonly model: JwtModel,
    private readonly env: AuthenticatorEnvironment,
  ) {
    super();
    if (!isJwtAlgorithm(model.algorithm))
      throw new ConnectorError(`Failed to sign token: Algorithm not supported: ${String(model.algorithm)}`);
    this.algorithm = model.algorithm;
    const parameters = parametersOf(model);
    const field = (text: unknown): Field => (text ? new InterpolatedString(String(text), parameters) : null);
    const headers = model.jwt_headers ?? {};
    const payload = model.jwt_payload ?? {};
    this.fields = {
      secret: new InterpolatedString(String(model.secret_key), parameters),
      prefix: field(model.header_prefix),
      passphrase: field(model.passphrase),
      kid: field(headers.kid),
      typ: field(headers.typ ?? 'JWT'),
      cty: field(headers.cty),
      iss: field(payload.iss),
      sub: field(payload.sub),
      aud: field(payload.aud),
    };
    this.additionalHeaders = new InterpolatedMapping(model.additional_jwt_headers ?? {}, parameters);
    this.additionalPayload = new InterpolatedMapping(model.additional_jwt_payload ?? {}, parameters);
    this.option = new RequestOption(
      model.request_option ?? { type: 'RequestOption', inject_into: 'header', field_name: 'Authorization' },
      parameters,
      env,
    );
  }

  /** The value sent: the signed JWT, after the header prefix when there is one. */
  async token(): Promise<string> {
    const signed = this.signedToken();
    const prefix = this.fields.prefix === null ? null : this.text(this.fields.prefix);
    return prefix ? `${prefix} ${signed}` : signed;
  }

  async authHeaders(): Promise<Record<string, string>> {
    const options = await this.options('header');
    const name = Object.keys(options)[0];
    return name === undefined ? {} : { [name]: String(options[name]) };
  }

  requestOptions(target: AuthOptionTarget): Promise<RequestValues> {
    return this.options(target);
  }

  private async options(target: AuthOptionTarget | 'header'): Promise<RequestValues> {
    const options: RequestValues = {};
    if (this.option.injectInto === target) this.option.inject(options, await this.token());
    return options;
  }

  private signedToken(): string {
    const header = this.header();
    const payload = this.payload();
    const signingInput = `${base64Url(jsonDumps(header, { sortKeys: true, separators: COMPACT }))}.${base64Url(jsonDumps(payload, { separators: COMPACT }))}`;
    const secret = this.secretKey();
    try {
      return `${signingInput}.${signJwt(signingInput, this.algorithm, secret.key, secret.passphrase)}`;
    } catch (error) {
      throw ConnectorError.config(`Failed to sign token: ${(error as Error).message}`);
    }
  }

  private header(): PlainDict {
    const extra = this.additionalHeaders.eval(this.env, { json_loads: JSON_LOADS });
    if (RESERVED_HEADERS.some((name) => Object.hasOwn(extra, name))) {
      throw new ConnectorError("'kid', 'alg', 'typ', 'cty' are reserved headers and should not be set as part of 'additional_jwt_headers'");
    }
    const set: PlainDict = { ...extra };
    for (const name of ['kid', 'typ', 'cty'] as const) {
      const field = this.fields[name];
      if (field !== null) set[name] = this.value(field);
    }
    if (set.kid !== undefined && typeof set.kid !== 'string')
      throw new ConnectorError('Failed to sign token: Key ID header parameter must be a string');
    // PyJWT: {"typ": "JWT", "alg": ...} updated with the headers; an empty typ is left out.
    const header: PlainDict = { typ: 'JWT', alg: this.algorithm, ...set };
    if (!header.typ) delete header.typ;
    return header;
  }

  private payload(): PlainDict {
    const now = Math.floor(this.env.clock() / 1e6);
    const duration = this.model.token_duration ?? 1200;
    const payload: PlainDict = { ...this.additionalPayload.eval(this.env, { json_loads: JSON_LOADS }) };
    if (RESERVED_CLAIMS.some((name) => Object.hasOwn(payload, name))) {
      throw new ConnectorError(
        "'iss', 'sub', 'aud', 'iat', 'exp', 'nbf' are reserved properties and should not be set as part of 'additional_jwt_payload'",
      );
    }
    for (const name of ['iss', 'sub', 'aud'] as const) {
      const field = this.fields[name];
      if (field !== null) payload[name] = this.value(field);
    }
    payload.iat = now;
    payload.exp = Number.isInteger(duration) ? now + duration : now;
    payload.nbf = now;
    return payload;
  }

  private secretKey(): { key: string; passphrase: string | null } {
    const key = this.text(this.fields.secret as InterpolatedString);
    registerSecret(key);
    const passphrase = this.fields.passphrase === null ? '' : this.text(this.fields.passphrase);
    if (passphrase) {
      registerSecret(passphrase);
      return { key, passphrase };
    }
    return { key: this.model.base64_encode_secret_key ? Buffer.from(key, 'utf8').toString('base64') : key, passphrase: null };
  }

  private value(field: InterpolatedString): PyValue {
    return field.eval(this.env, { json_loads: JSON_LOADS });
  }

  private text(field: InterpolatedString): string {
    const value = this.value(field);
    return typeof value === 'string' ? value : pyStr(value);
  }
}
