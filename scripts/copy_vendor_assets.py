"""Copy the front-end files SMART serves from node_modules into static/vendor.

Run after `npm ci`. Only the needed dist files (with their .map files, which
the manifest static storage requires) are copied; static/vendor is
git-ignored, so third-party files never enter the repository.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

FILES = {
    "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
    "bootstrap/dist/css/bootstrap.min.css.map": "bootstrap/bootstrap.min.css.map",
    "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
    "bootstrap/dist/js/bootstrap.bundle.min.js.map": "bootstrap/bootstrap.bundle.min.js.map",
    "bootstrap-icons/font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
    # The statistics charts (smart.reports); drawn by static/js/report_charts.js.
    "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
    "chart.js/dist/chart.umd.min.js.map": "chart.js/chart.umd.min.js.map",
    # The icon CSS refers to its fonts as fonts/…, so they keep that relative place.
    **{
        f"bootstrap-icons/font/fonts/bootstrap-icons.{ext}":
            f"bootstrap-icons/fonts/bootstrap-icons.{ext}"
        for ext in ("woff2", "woff")
    },
}


def main() -> int:
    missing = [src for src in FILES if not (NODE / src).exists()]
    if missing:
        print(
            "Berkas front-end belum terpasang (" + ", ".join(missing) + "). "
            "Jalankan `npm ci` terlebih dahulu, atau cukup `make run`.",
            file=sys.stderr,
        )
        return 1
    for src, dst in FILES.items():
        target = VENDOR / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NODE / src, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
