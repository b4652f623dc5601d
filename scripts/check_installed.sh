#!/usr/bin/env bash
# Prove the release files the way a user meets them: install the wheel (built from the
# sdist) into a fresh virtual environment and start it from a folder outside the
# checkout, so nothing in the checkout can hide a missing resource.
#   usage: PYTHON=python3 scripts/check_installed.sh dist/pkg
set -euo pipefail
pkg_dir=$(cd "${1:?folder with the sdist and wheel}" && pwd)
python=${PYTHON:-python3}
began=$(date +%s)

shopt -s nullglob
wheels=("$pkg_dir"/*.whl)
sdists=("$pkg_dir"/*.tar.gz)
if [ ${#wheels[@]} -ne 1 ] || [ ${#sdists[@]} -ne 1 ]; then
  echo "check-installed: expected one wheel and one sdist in $pkg_dir" >&2
  exit 1
fi

# What must ride along: licences in the wheel's metadata, resources in the package;
# tests, docs, packaging and resources in the sdist.
"$python" - "${wheels[0]}" "${sdists[0]}" <<'PY'
import sys, tarfile, zipfile
wheel, sdist = sys.argv[1], sys.argv[2]
names = zipfile.ZipFile(wheel).namelist()
need = ["licenses/LICENSE", "licenses/LICENSE-CONTENT", "licenses/NOTICE",
        "readiness/resources/__init__.py", "readiness/resources/bank/schema/",
        "readiness/resources/icons/ccs-readiness.svg", "readiness/cli.py"]
missing = [n for n in need if not any(n in name for name in names)]
members = tarfile.open(sdist).getnames()
for part in ["tests/conftest.py", "docs/", "packaging/ccs-readiness.spec",
             "readiness/resources/bank/", "LICENSE-CONTENT", "NOTICE", "benchmarks/", "Makefile"]:
    if not any(part in m for m in members):
        missing.append(f"sdist: {part}")
if missing:
    sys.exit("check-installed: release files lack " + ", ".join(missing))
print(f"check-installed: {wheel.rsplit('/', 1)[-1]} and the sdist carry what they must")
PY

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${wheels[0]}"

# Outside the checkout, with a fresh data folder and code-set folder.
cd "$work"
export READINESS_HOME="$work/home" QT_QPA_PLATFORM=offscreen
unset PYTHONPATH
"$work/venv/bin/ccs-readiness" --version
"$work/venv/bin/python" -m readiness --smoke
"$work/venv/bin/python" -m readiness.bank check --codesets "$work/codesets" | tail -n 1
echo "check-installed: the installed wheel starts, smoke-tests and checks its bank" \
     "($(( $(date +%s) - began )) s)"
