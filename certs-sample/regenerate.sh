#!/usr/bin/env bash
# Regenerates the TEST ONLY sample PKI of certs-sample with the node's own installer commands (the same steps an
# installer follows, README "Joining the network"), then the signed sample peer directory config/directory.
# Every key made here is public and for tests and demonstrations only.
#   certs-sample/regenerate.sh [OUTPUT-DIR]     (default: certs-sample; the directory is rewritten only then)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-certs-sample}
jar=cli/target/exchange-node-cli.jar
[ -f "$jar" ] || mvn -B -q install -DskipTests
cli() { java -jar "$jar" "$@"; }
label() { sed -i '1i # TEST ONLY - sample key material of Exchange Node; never use in production.' "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
echo "sample PKI regenerated in $out (TEST ONLY)"
