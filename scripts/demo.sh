#!/usr/bin/env bash
# Runs the node on the embedded default together with a demonstration peer, on the TEST ONLY sample PKI:
#   node 320100 (Nanjing)  - embedded Artemis broker (journal in data/320100/broker), H2 file database, http :8080,
#                            https :8443 (TEST ONLY certificates of certs-sample/tls; client certificates too)
#   node 440300 (Shenzhen) - joins that broker over loopback TCP (127.0.0.1:61616) as its TEST ONLY broker user
#                            node-440300 (it may read only its own inbox), its own H2 database, http :8081
# Builds the application first if it is not built yet. Ctrl-C stops both nodes.
#   --smoke   start both, run the README's worked example of a whole transfer (contact letter by REST at 320100,
#             information form by REST and fund notice by file drop at 440300, completion notice at 320100) until the
#             case is COMPLETED on both sides, export 320100's audit log with the tool and verify it offline, then
#             stop (used by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
[ "${1:-}" = "--smoke" ] && smoke=true
app=routes/target/quarkus-app/quarkus-run.jar
tool=cli/target/exchange-node-cli.jar
if [ ! -f "$app" ] || [ ! -f "$tool" ]; then
  echo "building the application (first run only)..."
  mvn -B -q install -DskipTests
fi
mkdir -p data
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

# The smoke run keeps its nodes' data apart (and throws it away): it submits the one sample person, who can have only
# one open case with a peer.
if $smoke; then
  smoke_data=$(mktemp -d)
  trap 'stop; rm -rf "$smoke_data"' EXIT
fi

start() { # node-id port
  config="config/demo/node-$1.properties"
  if $smoke; then
    sed "s|data/$1|$smoke_data/$1|g" "$config" > "$smoke_data/node-$1.properties"
    config="$smoke_data/node-$1.properties"
  fi
  # the JVM options the README recommends (the systemd unit's)
  java -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC \
    -Dquarkus.config.locations="$config" -jar "$app" > "data/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$2/q/health/ready" > /dev/null; then echo "node $1 ready on http://127.0.0.1:$2 (log: data/$1.log)"; return; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "node $1 failed to start; see data/$1.log" >&2; tail -20 "data/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "node $1 not ready after 120 s; see data/$1.log" >&2; exit 1
}

# TEST ONLY users of both demo nodes (config/demo): clerk (role submitter, the local system) and auditor
clerk=clerk:clerk-demo-only
echo "TEST ONLY users of both nodes: clerk / clerk-demo-only (role submitter: intake, cases, inbox),"
echo "                                auditor / auditor-demo-only (role auditor), admin / admin-demo-only (role admin),"
echo "                                observer / observer-demo-only (role observer: read-only listings and counts)"
echo "TEST ONLY local-system client certificate at 320100 (https :8443): certs-sample/tls/local-system-client.crt.pem"
echo "                                (CN=ywxt-320100, role submitter); the server's CA: certs-sample/tls/api-ca.crt.pem"
echo "TEST ONLY broker user of 440300 on 320100's embedded broker: node-440300 / node-440300-demo-only"
start 320100 8080
start 440300 8081

# Waits until case $2 at the node on port $1 is in state $3.
wait_state() {
  for _ in $(seq 1 60); do
    if curl -sf -u "$clerk" "http://127.0.0.1:$1/api/v1/cases/$2" | grep -q "\"state\":\"$3\""; then echo "demo smoke: case $2 $3 at :$1"; return; fi
    sleep 0.5
  done
  echo "demo smoke: case $2 not $3 at :$1 after 30 s: $(curl -s -u "$clerk" "http://127.0.0.1:$1/api/v1/cases/$2")" >&2; exit 1
}

if $smoke; then
  samples=schemas/src/main/resources/exchangenode/samples
  # both nodes take their peers from the signed sample directory
  for port in 8080 8081; do
    curl -sf -u "$clerk" "http://127.0.0.1:$port/api/v1/directory" | grep -q '"source":"file"' \
      || { echo "demo smoke: node on :$port does not use the peer directory" >&2; exit 1; }
  done
  # 1. Nanjing's clerk sends the contact letter: a case opens at both nodes
  answer=$(curl -sf -u "$clerk" -X POST -H 'Content-Type: application/json' --data @$samples/contact-letter.json \
    http://127.0.0.1:8080/api/v1/contact-letters)
  case_id=$(echo "$answer" | sed -E 's/.*"conversationId":"([^"]+)".*/\1/')
  wait_state 8081 "$case_id" LETTER_RECEIVED
  # 2. Shenzhen answers: the information form by REST, the fund transfer notice through its file drop
  curl -sf -u "$clerk" -X POST -H 'Content-Type: application/xml' --data-binary @$samples/info-form.xml \
    "http://127.0.0.1:8081/api/v1/forms/info-form?to=320100&conversationId=$case_id" > /dev/null
  drop=$(sed -n 's|^node.local-system.file-drop.dir=||p' "$smoke_data/node-440300.properties")
  mkdir -p "$drop/inbox"
  cp $samples/fund-transfer-notice.xml "$drop/inbox/.$case_id.part"
  mv "$drop/inbox/.$case_id.part" "$drop/inbox/$case_id.fund-transfer-notice.xml"
  wait_state 8080 "$case_id" AWAITING_COMPLETION
  # 3. Nanjing checks the funds against the form (no mismatch) and completes
  curl -sf -u "$clerk" -X POST -H 'Content-Type: application/xml' --data-binary @$samples/completion-notice.xml \
    "http://127.0.0.1:8080/api/v1/forms/completion-notice?to=440300&conversationId=$case_id" > /dev/null
  wait_state 8080 "$case_id" COMPLETED
  wait_state 8081 "$case_id" COMPLETED
  export EXN_AUDIT_PASSWORD=auditor-demo-only
  java -jar "$tool" audit-export --node http://127.0.0.1:8080 --user auditor --password-env EXN_AUDIT_PASSWORD \
    --out data/audit-320100.zip
  java -jar "$tool" audit-verify --anchors certs-sample/root-ca.crt.pem data/audit-320100.zip
  echo "demo smoke: the audit export of 320100 verifies offline"
  # the same case over HTTPS, as the local system by its client certificate
  tls=certs-sample/tls
  curl -sf --cacert $tls/api-ca.crt.pem --cert $tls/local-system-client.crt.pem --key $tls/local-system-client.key.pem \
    "https://localhost:8443/api/v1/cases/$case_id" | grep -q '"state":"COMPLETED"' \
    || { echo "demo smoke: case $case_id not COMPLETED over https with the client certificate" >&2; exit 1; }
  echo "demo smoke: case $case_id COMPLETED at https://localhost:8443 as the local system's client certificate"
  exit 0
fi

cat <<'TEXT'

Submit the sample contact letter (联系函) at 320100 for 440300:
  curl -i -u clerk:clerk-demo-only -X POST -H 'Content-Type: application/json' \
    --data @schemas/src/main/resources/exchangenode/samples/contact-letter.json http://127.0.0.1:8080/api/v1/contact-letters
Then follow it (the Location header of the answer), and its case (the conversationId):
  curl -u clerk:clerk-demo-only http://127.0.0.1:8080/api/v1/messages/<messageId>    # 320100: SENT, then DELIVERED
  curl -u clerk:clerk-demo-only http://127.0.0.1:8081/api/v1/cases/<conversationId>  # 440300: LETTER_RECEIVED
The README's "Worked example" carries the transfer on to COMPLETED.
Export 320100's tamper-evident log (TEST ONLY auditor) and verify it offline:
  EXN_AUDIT_PASSWORD=auditor-demo-only java -jar cli/target/exchange-node-cli.jar audit-export \
    --node http://127.0.0.1:8080 --user auditor --password-env EXN_AUDIT_PASSWORD --out data/audit-320100.zip
  java -jar cli/target/exchange-node-cli.jar audit-verify --anchors certs-sample/root-ca.crt.pem data/audit-320100.zip
The same over HTTPS at 320100, as the local system by its TEST ONLY client certificate:
  curl --cacert certs-sample/tls/api-ca.crt.pem --cert certs-sample/tls/local-system-client.crt.pem \
    --key certs-sample/tls/local-system-client.key.pem https://localhost:8443/api/v1/cases
Ctrl-C stops both nodes.
TEXT
wait
