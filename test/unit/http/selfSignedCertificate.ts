// A self-signed certificate for CN=localhost, IP 127.0.0.1, valid until 2126; generated once with
// openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1
// Test-only: the private key protects nothing.
export const SELF_SIGNED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVUGBJtmYFiEG0bwK
UAqq1B7ckrTaopsl63IJDnNDYqyhRANCAARs8yC4G7bcKnQf+giTPOai7VzdOq3h
tkoQmm2QrR6+DWy8TNRoLcbQHDm4hiLE/YTvlRXs8NglbIo/uAPSPkgm
-----END PRIVATE KEY-----
`;

export const SELF_SIGNED_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUVA+Dr9f2fk1lvshGKFhQKUExYJ4wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTE1MDMwMVoYDzIxMjYxMTAx
MTUwMzAxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARs8yC4G7bcKnQf+giTPOai7VzdOq3htkoQmm2QrR6+DWy8TNRoLcbQ
HDm4hiLE/YTvlRXs8NglbIo/uAPSPkgmo28wbTAdBgNVHQ4EFgQUWQ1wGzRdTPKn
UKytga2gWs43ka0wHwYDVR0jBBgwFoAUWQ1wGzRdTPKnUKytga2gWs43ka0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAPO5bT7fudCVDSx93HTGKcPn5tFZSHo4d3/5BqasBvJyAiEA
rCRPdPxJFLEkarm4U42sTu53NQih3r0iJ7osVam/ono=
-----END CERTIFICATE-----
`;
