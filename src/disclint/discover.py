"""Which files a run covers: files given by name, and report files found under directories.

Folders are walked iteratively (no recursion limit to hit) down to :data:`MAX_DEPTH` levels.
Everything that is not looked at is said, never skipped silently:

- a folder that cannot be listed, or one deeper than the limit, is a run error (exit 2);
- a FIFO, socket or device is never opened (it could block or be endless): a note;
- a symbolic link leading outside the folders given is not followed (its contents must never
  leak into findings): a note; links inside them are followed once (no loops);
- files excluded with ``--exclude`` or the ``.disclintignore`` file (gitignore syntax, relative
  to the project root) are left out on purpose.

Legacy and other formats disclint cannot read (:data:`UNSUPPORTED_SUFFIXES`) are collected too, so
the reader reports them with what to do instead of the run passing without them.

Image files (:data:`IMAGE_SUFFIXES`: a scanned report as PNG, JPEG or TIFF pages) found in folders
are reports when OCR can run (``--ocr auto|always`` and the ``disclint[ocr]`` extra installed).
A folder of scans often holds other pictures too (a logo, an icon, a QR code), and each of them
would come back as one PAR001 "no text"; so an image whose shorter side is under
:data:`MIN_PAGE_PIXELS` — too small to be a page anyone could read — is left out, with one note
for all of them. When OCR cannot run, the images are left out with one note saying why and how
to install the extra. A file named on the command line is always read, whatever its size.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from .paths import relative, shown
from .runerrors import Note, RunError

REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
UNSUPPORTED_SUFFIXES = (".doc", ".wps", ".ofd")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# a page scanned at 72 dpi is 595 × 842 pixels; anything smaller is a logo, an icon or a thumbnail
MIN_PAGE_PIXELS = 500
IGNORE_FILE = ".disclintignore"
MAX_DEPTH = 100  # folder levels below a given directory


@dataclass(frozen=True)
class Scan:
    files: tuple[str, ...]
    errors: tuple[RunError, ...] = ()
    notes: tuple[Note, ...] = ()


def ignore_spec(root: Path, patterns: Iterable[str] = ()) -> pathspec.PathSpec:
    """``patterns`` (from ``--exclude``) plus the lines of ``root/.disclintignore``, gitignore-style."""
    lines = [p for p in patterns if p.strip()]
    ignore_file = root / IGNORE_FILE
    if ignore_file.is_file():
        lines += ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def discover(paths: list[str]) -> list[str]:
    """The files of :func:`scan` (kept for callers that only need the list)."""
    return list(scan(paths).files)


def scan(
    paths: Sequence[str],
    *,
    root: Path | None = None,
    exclude: pathspec.PathSpec | None = None,
    cwd: Path | None = None,
    ocr: str | None = None,
) -> Scan:
    """Files named on the command line (whatever their suffix, ``-`` for standard input) and,
    under each directory, every file with a report or unsupported suffix, in a stable order. A
    path that does not exist is kept, so that the run reports it instead of skipping it.

    ``ocr`` is the run's OCR mode: with it, image files under directories are taken as said in
    the module's documentation (with None they are not looked at)."""
    cwd = (cwd or Path.cwd()).absolute()
    root = root or cwd
    walker = _Walker([p for p in paths if p != "-" and os.path.isdir(p)], root, exclude, cwd)
    walker.ocr = ocr
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        candidates = walker.walk(p) if p != "-" and os.path.isdir(p) else [p]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                out.append(c)
    return Scan(tuple(out), tuple(walker.errors), tuple([*walker.notes, *walker.image_notes()]))


def is_page_image(path: str) -> bool:
    """Can the image at ``path`` be a page of a report: at least :data:`MIN_PAGE_PIXELS` on its
    shorter side? Only the header is read; a file PIL cannot open is taken (the reader says why)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            return min(image.size) >= MIN_PAGE_PIXELS
    except Exception:  # not an image after all, or damaged
        return True


class _Walker:
    def __init__(self, tops: list[str], root: Path, exclude: pathspec.PathSpec | None, cwd: Path) -> None:
        self.roots = [os.path.realpath(t) for t in tops]
        self.root = root
        self.exclude = exclude
        self.cwd = cwd
        self.errors: list[RunError] = []
        self.notes: list[Note] = []
        self.visited: set[tuple[int, int]] = set()
        self.ocr: str | None = None  # the run's OCR mode; None: image files are ignored
        self._images: bool | None = None  # can OCR read them (asked on the first image met)
        self.skipped_images: list[str] = []  # OCR cannot run
        self.small_images: list[str] = []  # too small to be a page

    def _excluded(self, path: str, is_dir: bool) -> bool:
        if self.exclude is None:
            return False
        rel = relative(path, self.root, self.cwd)
        return self.exclude.match_file(rel + "/" if is_dir else rel)

    def _inside_roots(self, path: str) -> bool:
        real = os.path.realpath(path)
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

    def walk(self, top: str) -> list[str]:
        found: list[str] = []
        try:
            st = os.stat(top)
            self.visited.add((st.st_dev, st.st_ino))
        except OSError:
            pass
        stack: list[tuple[str, int]] = [(top, 0)]
        while stack:
            folder, depth = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                self.errors.append(
                    RunError(
                        "scan",
                        f"{shown(folder)}: cannot read the folder ({reason}); its files were not checked",
                        f"{shown(folder)}：无法读取该文件夹（{reason}），其中的文件未检查",
                        folder,
                    )
                )
                continue
            subfolders: list[str] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                self._visit(entry, depth, found, subfolders)
            stack.extend((s, depth + 1) for s in reversed(subfolders))
        return sorted(found)

    def _visit(self, entry: os.DirEntry[str], depth: int, found: list[str], subfolders: list[str]) -> None:
        path = os.path.normpath(entry.path)  # "./a.txt" -> "a.txt", as the user would write it
        if entry.is_symlink() and not self._inside_roots(path):
            self.notes.append(
                Note(
                    f"{shown(path)}: symbolic link to a place outside the folders given; not followed",
                    f"{shown(path)}：符号链接指向所给文件夹之外，未跟随",
                    path,
                )
            )
            return
        try:
            st = os.stat(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notes.append(
                Note(f"{shown(path)}: skipped ({reason})", f"{shown(path)}：已跳过（{reason}）", path)
            )
            return
        if stat.S_ISDIR(st.st_mode):
            if self._excluded(path, True):
                return
            key = (st.st_dev, st.st_ino)
            if key in self.visited:  # a link back into a folder already walked
                return
            self.visited.add(key)
            if depth + 1 > MAX_DEPTH:
                self.errors.append(
                    RunError(
                        "scan",
                        f"{shown(path)}: more than {MAX_DEPTH} folder levels deep; not scanned",
                        f"{shown(path)}：文件夹层级超过 {MAX_DEPTH} 层，未扫描",
                        path,
                    )
                )
                return
            subfolders.append(path)
            return
        if not stat.S_ISREG(st.st_mode):
            self.notes.append(
                Note(
                    f"{shown(path)}: not a regular file (FIFO, socket or device); skipped",
                    f"{shown(path)}：不是普通文件（管道、套接字或设备），已跳过",
                    path,
                )
            )
            return
        name = entry.name.lower()
        if name.endswith(REPORT_SUFFIXES + UNSUPPORTED_SUFFIXES) and not self._excluded(path, False):
            found.append(path)
        elif self.ocr is not None and name.endswith(IMAGE_SUFFIXES) and not self._excluded(path, False):
            if not self.images_readable():
                self.skipped_images.append(path)
            elif is_page_image(path):
                found.append(path)
            else:
                self.small_images.append(path)

    def images_readable(self) -> bool:
        """Image files are taken when OCR can read them; asked once, and only when a folder holds
        an image (loading the OCR engine to ask costs a third of a second)."""
        if self._images is None:
            from .readers.ocr import available

            self._images = self.ocr not in (None, "never") and available()
        return self._images

    def image_notes(self) -> list[Note]:
        """One note for the images left out because OCR cannot run, one for those too small."""
        notes = []
        if self.skipped_images:
            n, first = len(self.skipped_images), shown(self.skipped_images[0])
            from .readers.ocr import INSTALL_HINT, available

            if available():
                why, why_zh = (
                    "OCR is off (--ocr never, or ocr: never in the configuration)",
                    ("已关闭 OCR（--ocr never 或配置中的 ocr: never）"),
                )
            else:
                why, why_zh = (
                    f"install the OCR extra to read them: {INSTALL_HINT}",
                    (f"安装 OCR 扩展后即可识别：{INSTALL_HINT}"),
                )
            notes.append(
                Note(
                    f"{n} image file(s) (PNG, JPEG, TIFF; first: {first}) not checked: "
                    f"their text can only be read by OCR; {why}",
                    f"{n} 个图像文件（PNG、JPEG、TIFF；第一个：{first}）未检查：只能通过 OCR 识别文字；{why_zh}",
                    self.skipped_images[0],
                )
            )
        if self.small_images:
            n, first = len(self.small_images), shown(self.small_images[0])
            notes.append(
                Note(
                    f"{n} small image file(s) (under {MIN_PAGE_PIXELS} pixels, such as logos and icons; "
                    f"first: {first}) not taken as report pages; name a file to check it anyway",
                    f"{n} 个小图像文件（不足 {MIN_PAGE_PIXELS} 像素，如标志、图标；第一个：{first}）"
                    "未作为报告页面检查；如需检查，请直接指定该文件",
                    self.small_images[0],
                )
            )
        return notes
