#!/usr/bin/env bash
# Regenerates the TEST ONLY sample PKI of certs-sample with the node's own installer commands (the same steps an
# installer follows, README "Joining the network"), then the signed sample peer directory config/directory.
# Every key made here is public and for tests and demonstrations only.
#   certs-sample/regenerate.sh [OUTPUT-DIR]     (default: certs-sample; the directory is rewritten only then)
#   certs-sample/regenerate.sh --api-tls [OUTPUT-DIR]   only the API's TLS material (tls/api-*, tls/local-system-*)
set -euo pipefail
cd "$(dirname "$0")/.."
only_api_tls=false
if [ "${1:-}" = --api-tls ]; then only_api_tls=true; shift; fi
out=${1:-certs-sample}
label() { sed -i '1i # TEST ONLY - sample key material of Exchange Node; never use in production.' "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- The API's TLS (HTTPS listener, mutual TLS of the local system) -------------------------------------------------
# Plain X.509 with ECDSA P-256 made by openssl: browsers, curl and the JDK speak it (SM2 TLS is not in the JDK). Apart
# from the network's SM2 PKI above: these certificates authenticate a TLS connection, not a signed message.
#   tls/api-ca.*             the CA clients trust for the node's HTTPS listener (curl --cacert, cli --ca-file)
#   tls/api-server.*         the listener's certificate (SAN localhost, 127.0.0.1), issued by api-ca
#   tls/local-system-ca.*    the CA whose client certificates the node accepts (quarkus.tls.trust-store)
#   tls/local-system-client.* a local system's client certificate, subject CN=ywxt-320100, issued by local-system-ca
api_tls() {
  local dir="$out/tls" conf="$work/tls.cnf"
  mkdir -p "$dir"
  rm -f "$dir"/api-ca.* "$dir"/api-server.* "$dir"/local-system-ca.* "$dir"/local-system-client.*
  cat > "$conf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
CNF
  key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
  ca() { # name, subject
    key "$dir/$1.key.pem"
    openssl req -new -x509 -key "$dir/$1.key.pem" -subj "$2" -days 7300 -sha256 -config "$conf" -extensions ca \
      -out "$dir/$1.crt.pem"
  }
  issue() { # name, subject, extensions, issuing CA
    key "$dir/$1.key.pem"
    openssl req -new -key "$dir/$1.key.pem" -subj "$2" -out "$work/$1.csr.pem"
    openssl x509 -req -in "$work/$1.csr.pem" -CA "$dir/$4.crt.pem" -CAkey "$dir/$4.key.pem" -set_serial "0x$(openssl rand -hex 16)" \
      -days 3650 -sha256 -extfile "$conf" -extensions "$3" -out "$dir/$1.crt.pem" 2>/dev/null
  }
  ca api-ca "/O=Exchange Node TEST ONLY/CN=Sample API server CA (TEST ONLY)"
  issue api-server "/O=Exchange Node TEST ONLY/CN=localhost" server api-ca
  ca local-system-ca "/O=Exchange Node TEST ONLY/CN=Sample local-system CA (TEST ONLY)"
  issue local-system-client "/O=Exchange Node TEST ONLY/CN=ywxt-320100" client local-system-ca
  chmod 600 "$dir"/*.key.pem
  for f in "$dir"/*.pem; do label "$f"; done
  echo "sample API TLS material regenerated in $dir (TEST ONLY)"
}
if $only_api_tls; then api_tls; exit 0; fi

# ---- The network's SM2 PKI and the signed sample directory ---------------------------------------------------------
jar=cli/target/exchange-node-cli.jar
[ -f "$jar" ] || mvn -B -q install -DskipTests
cli() { java -jar "$jar" "$@"; }

mkdir -p "$out"
rm -f "$out"/root-ca.crt.pem "$out"/root-ca.key.pem "$out"/network-authority.crt.pem "$out"/network-authority.key.pem
cli sample-ca-create --out-cert "$out/root-ca.crt.pem" --out-key "$out/root-ca.key.pem"
for spec in "320100=南京市社会保险管理中心" "440300=深圳市社会保险基金管理局" "510100=成都市社会保险事业管理局"; do
  id=${spec%%=*}
  agency=${spec#*=}
  rm -rf "${out:?}/$id" && mkdir -p "$out/$id"
  cli keygen --out "$out/$id/node.key.pem"
  label "$out/$id/node.key.pem"
  cli csr --key "$out/$id/node.key.pem" --node-id "$id" --agency "$agency (TEST ONLY)" --out "$work/$id.csr.pem"
  cli sample-ca-issue --csr "$work/$id.csr.pem" --ca-cert "$out/root-ca.crt.pem" --ca-key "$out/root-ca.key.pem" \
    --out "$work/$id.issued.pem"
  cli import-cert --key "$out/$id/node.key.pem" --cert "$work/$id.issued.pem" --anchors "$out/root-ca.crt.pem" \
    --out "$out/$id/node.crt.pem"
  label "$out/$id/node.crt.pem"
done
if [ "$out" = certs-sample ]; then
  java -cp "$jar" org.exchangenode.core.pki.SampleDirectory certs-sample config/directory/directory.json
fi
api_tls
echo "sample PKI regenerated in $out (TEST ONLY)"
