#!/usr/bin/env bash
# The Testcontainers module's tests (tests/Beacon.MockServer.Testcontainers.Tests) against a real Docker daemon and
# the image built from this repository. `dotnet test` and .ci/run leave them out: CI's machine has no Docker.
#
# Run from anywhere:  bash tests/testcontainers.sh
# Needs: a Docker daemon `docker info` reaches, and the image (tagged beacon-mock, or what BEACON_MOCK_IMAGE names);
#        without it, the script builds it with `docker build -t beacon-mock .`.
# Exit status: dotnet test's.
set -euo pipefail
cd "$(dirname "$0")/.."

docker info >/dev/null 2>&1 || { echo "Docker is not reachable (docker info failed): start a daemon first." >&2; exit 1; }
image=${BEACON_MOCK_IMAGE:-beacon-mock}
if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "No image $image: building it from the Dockerfile."
  docker build -t "$image" .
fi
echo "Image $image, $(docker image inspect --format '{{.Created}}' "$image"); $(docker version --format 'Docker {{.Server.Version}}')"

# Testcontainers 4.17 speaks Docker's API 1.44 (Docker 25 and later) unless DOCKER_API_VERSION says otherwise: an
# older daemon (Debian 12's docker.io is 20.10, API 1.41) is spoken to in its own version.
api=$(docker version --format '{{.Server.APIVersion}}')
if [ -z "${DOCKER_API_VERSION:-}" ] && [ "$(printf '%s\n' "$api" 1.44 | sort -V | head -1)" != 1.44 ]; then
  export DOCKER_API_VERSION=$api
  echo "The daemon speaks API $api: DOCKER_API_VERSION=$api"
fi

# Ryuk, Testcontainers' reaper, is an image of its own from Docker Hub: off, since the tests dispose of every
# container and network they start. BEACON_DOCKER_TESTS=1 makes the project a test project (see its .csproj).
export TESTCONTAINERS_RYUK_DISABLED=true BEACON_DOCKER_TESTS=1 BEACON_MOCK_IMAGE="$image"
dotnet test tests/Beacon.MockServer.Testcontainers.Tests
