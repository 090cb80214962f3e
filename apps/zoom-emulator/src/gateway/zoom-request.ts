import type { Request } from 'express';
import type { EndpointSpec } from '#libs/zoom-contract';
import type { AccessToken } from '../oauth/token.store.js';

/** What the gateway guard learned about a /v2 request. */
export interface ZoomRequest extends Request {
  zoom: {
    endpoint: EndpointSpec;
    token: AccessToken;
  };
}
