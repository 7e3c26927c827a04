/** Latest validator of one content coding of a resource. */
export interface RepresentationValidator {
  contentEncoding?: string;
  etag?: string;
  weak: boolean;
  lastModified?: string;
  observedAt: string;
}

export interface ValidatorObservation {
  etag?: string;
  lastModified?: string;
  observedAt: string;
  status: number;
  method: string;
}

/** CONTRACTS.md `ValidatorRecord`: what the store knows about one normalized URL. */
export interface ValidatorRecord {
  url: string;
  etag?: string;
  weak: boolean;
  lastModified?: string;
  contentEncoding?: string;
  observedAt: string;
  serverDate?: string;
  status: number;
  method: string;
  representations: RepresentationValidator[];
  /** Newest first, the latest included; at most 20. */
  history: ValidatorObservation[];
}
