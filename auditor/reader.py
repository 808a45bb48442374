"""Read a transcript file into the model: decoding, layout detection and line-exact parsing.

Three layouts are recognised: `bilingual` (each English line followed by its Chinese translation,
speaker headers in identical pairs, an optional disclaimer first), `english` (`Name - Role`
headers, one paragraph per line) and `json` (a list of turns). Anything else is an `InputError`
with one clear sentence: guessing at an unknown layout would produce findings on the wrong lines.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from auditor.errors import InputError
from auditor.headers import Header, bare_label, colon_header, colon_speakers, is_section_heading, parse_header
from auditor.model import LayoutIssue, Paragraph, Transcript, Turn
from auditor.textutil import HiddenCharacter, is_chinese_line, remove_characters
from auditor.words import Words, default_words

LAYOUTS = ("bilingual", "english", "json")

#: Inputs past these sizes are refused: an earnings call is 30-150 KB, so a larger file or a
#: megabyte-long line is almost certainly not a transcript, and refusing keeps memory bounded.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINE_CHARS = 200_000


class NotATranscript(InputError):
    """The file is readable text but not a transcript (empty, or no layout recognised).

    Distinguished from a damaged transcript so that a pre-commit hook, which is handed every
    `.txt` and `.json` file of a repository (requirements.txt, package.json), can pass over them.
    """

# --- decoding ---------------------------------------------------------------------------------


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 with or without BOM, CRLF/CR folded. Anything else is an InputError."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{name}: file is larger than {MAX_FILE_BYTES // 1_048_576} MB; such files are refused "
            "(an earnings call is 30-150 KB: split it into single calls)"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: file is binary (contains NUL bytes), not a text transcript")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name}: file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "re-save it as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotATranscript(f"{name}: file is empty")
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > 8 and controls > len(text[:65536]) / 200:
        raise InputError(f"{name}: file is binary (control characters), not a text transcript")
    return text


#: control characters other than the whitespace ones (\t \n \v \f): many of them mean a binary file
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f]")


def split_lines(text: str, name: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(
                f"{name}: line {number} is {len(line):,} characters long (limit {MAX_LINE_CHARS:,}); "
                "this does not look like a transcript"
            )
    return lines


# --- invisible characters ---------------------------------------------------------------------

#: the lists of `auditor/data/invisible.toml`: every character the reader removes for matching
INVISIBLE_LISTS = ("bidi_controls", "bidi_marks", "zero_width", "soft_hyphens")


@cache
def invisible_characters(words: Words) -> frozenset[str]:
    """Characters that display as nothing but change what a program reads (the vocabulary's lists)."""
    return frozenset(ch for key in INVISIBLE_LISTS for ch in words.list("invisible", key))


def remove_invisible(lines: list[str], invisible: frozenset[str]) -> tuple[list[str], list[HiddenCharacter]]:
    """Lines without invisible characters, and where each stood (1-based line and column).

    Done once, where the text is read, so that every parser and check matches the visible text
    ("June 3<U+200B>1" is "June 31"), while line numbers stay those of the file: no line is removed.
    """
    out: list[str] = []
    hidden: list[HiddenCharacter] = []
    for number, line in enumerate(lines, start=1):
        clean, removed = remove_characters(line, invisible)
        hidden.extend(HiddenCharacter(number, offset + 1, line[offset]) for offset in removed)
        out.append(clean)
    return out, hidden


#: a run of one punctuation character (optionally spaced: "( ( (") longer than this is shortened
#: for matching. Why: prose never repeats a bracket 8,000 times, and checks that look at each
#: bracket with its context would spend time quadratic in the run. Line numbers do not change.
MAX_PUNCTUATION_RUN = 16
_PUNCTUATION_RUN = re.compile(rf"([^\w\s])(?: ?\1){{{MAX_PUNCTUATION_RUN},}}")


def _shorten_run(match: re.Match[str]) -> str:
    run, char = match.group(0), match.group(1)
    end = -1
    for _ in range(MAX_PUNCTUATION_RUN):
        end = run.index(char, end + 1)
    return run[: end + 1]


def shorten_punctuation_runs(line: str) -> str:
    """`line` with every run of one punctuation character cut to MAX_PUNCTUATION_RUN copies (linear)."""
    return _PUNCTUATION_RUN.sub(_shorten_run, line)


# --- layout detection -------------------------------------------------------------------------


_JSON_START = re.compile(r"^\s*(?:\[\s*[\[{\]\"]|\{\s*[\"}])")


def detect_layout(text: str, lines: list[str]) -> str:
    if _JSON_START.match(text):  # "[{" or '{"': JSON; "[Transcript begins]" is text
        return "json"
    content = [ln for ln in lines[1:] if ln.strip()] or [ln for ln in lines if ln.strip()]
    chinese = sum(1 for ln in content if is_chinese_line(ln))
    if content and chinese >= 0.15 * len(content):
        return "bilingual"
    if any(parse_header(ln) for ln in lines) or colon_speakers(lines):
        return "english"
    raise InputError(
        "unrecognised layout: no speaker header lines ('Name - Role' or 'Operator') and no "
        "English/Chinese line pairs; use --layout to force one"
    )


# --- parsers ----------------------------------------------------------------------------------


class _Builder:
    """Accumulates turns and paragraphs while a parser walks the lines."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.preamble: list[tuple[int, str]] = []
        self.issues: list[LayoutIssue] = []
        self.hidden: list[HiddenCharacter] = []  # invisible characters found only on decoding (JSON escapes)
        self.count = 0

    def start_turn(self, name: str, role: str | None, lines: tuple[int, ...], translation: str | None = None) -> None:
        self.turns.append(Turn(len(self.turns), name, role, lines, header_translation=translation))

    def add(self, line: int, text: str, translation: str | None = None, translation_line: int | None = None) -> None:
        if not self.turns:
            self.preamble.append((line, text))
            if translation_line is not None and translation is not None:
                self.preamble.append((translation_line, translation))
            return
        turn = self.turns[-1]
        turn.paragraphs.append(
            Paragraph(self.count, line, text.strip(), turn.index, turn.speaker, turn.role, translation, translation_line)
        )
        self.count += 1


def parse_english(lines: list[str]) -> _Builder:
    """Headers in any style of `auditor.headers`; speech on a header's own line is its first paragraph."""
    b = _Builder()
    headers: list[Header | None] = [parse_header(ln) for ln in lines]
    header_names = {h.name for h in headers if h and h.role}
    speakers = colon_speakers(ln for ln, h in zip(lines, headers, strict=True) if h is None)
    for number, (raw, header) in enumerate(zip(lines, headers, strict=True), start=1):
        text = raw.strip()
        if not text:
            continue
        if header is None and text in header_names:
            header = Header(text, None, "label")
        if header is None:
            header = colon_header(text, speakers)
        if header:
            b.start_turn(header.name, header.role, (number,))
            if header.text:
                b.add(number, header.text)
        elif is_section_heading(text):
            b.preamble.append((number, text))
        else:
            b.add(number, text)
    return b


def parse_bilingual(lines: list[str]) -> _Builder:
    b = _Builder()
    n = len(lines)

    def next_content(i: int) -> int:
        while i < n and not lines[i].strip():
            i += 1
        return i

    i = next_content(0)
    while i < n:
        text = lines[i].strip()
        j = next_content(i + 1)
        nxt = lines[j].strip() if j < n else None
        found = parse_header(text)
        header = (found.name, found.role) if found and not found.text else None
        if header is None and nxt == text and bare_label(text):
            header = (text, None)
        if header:
            if nxt is not None and (nxt == text or (is_chinese_line(nxt) and len(nxt) <= 2 * len(text) + 20 and parse_header(nxt) is None and _looks_like_translated_header(nxt))):
                b.start_turn(header[0], header[1], (i + 1, j + 1), None if nxt == text else nxt)
                i = next_content(j + 1)
            else:
                b.start_turn(header[0], header[1], (i + 1,))
                b.issues.append(LayoutIssue("unpaired_header", i + 1, text, "a speaker header without its pair line"))
                i = j
            continue
        if is_chinese_line(text):
            if not b.turns:
                b.preamble.append((i + 1, text))
            else:
                b.issues.append(
                    LayoutIssue("extra_translation", i + 1, text, "a Chinese line with no English line before it")
                )
            i = j
            continue
        if nxt is not None and is_chinese_line(nxt) and not (parse_header(nxt)):
            b.add(i + 1, text, nxt, j + 1)
            i = next_content(j + 1)
        elif nxt is not None and nxt == text:
            b.add(i + 1, text, nxt, j + 1)  # translation left in English: the translation check says so
            i = next_content(j + 1)
        else:
            if b.turns:
                b.issues.append(
                    LayoutIssue("missing_translation", i + 1, text, "an English line with no translation line after it")
                )
            b.add(i + 1, text)
            i = j
    return b


def _looks_like_translated_header(line: str) -> bool:
    return " - " in line or "－" in line or len(line) <= 40


def _json_line_finder(raw: str):
    """Find the physical line of each JSON string value, in document order."""
    position = 0

    def find(value: str) -> int:
        nonlocal position
        for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
            at = raw.find(encoded, position)
            if at >= 0:
                position = at + len(encoded)
                return raw.count("\n", 0, at) + 1
        return raw.count("\n", 0, position) + 1

    return find


def parse_json(raw: str, name: str, invisible: frozenset[str] = frozenset()) -> _Builder:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: JSON does not parse (line {exc.lineno}: {exc.msg})") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"{name}: JSON cannot be read ({type(exc).__name__})") from None
    if isinstance(data, dict):
        data = data.get("turns")
    if not isinstance(data, list) or not data:
        raise NotATranscript(f"{name}: JSON layout expects a non-empty list of turns {{speaker, role, text, translation?}}")
    b = _Builder()
    find_line = _json_line_finder(raw)
    for index, turn in enumerate(data):
        if not isinstance(turn, dict) or not isinstance(turn.get("speaker"), str) or not isinstance(turn.get("text"), str):
            raise InputError(f"{name}: JSON turn {index + 1} needs string fields 'speaker' and 'text'")
        # look the string values up in the order they stand in the file, so that key order is free
        found_lines = {key: find_line(value) for key, value in turn.items() if isinstance(value, str)}
        turn = _without_escaped_invisible(turn, invisible, found_lines, b.hidden)
        role = turn.get("role") if isinstance(turn.get("role"), str) else None
        b.start_turn(turn["speaker"].strip(), role.strip() if role else None, (found_lines["speaker"],))
        text_line = found_lines["text"]
        translation = turn.get("translation") if isinstance(turn.get("translation"), str) else None
        translation_line = found_lines.get("translation") if translation is not None else None
        pieces = [p for p in turn["text"].split("\n") if p.strip()]
        t_pieces = [p for p in translation.split("\n") if p.strip()] if translation else []
        if translation is not None and len(t_pieces) != len(pieces):
            t_pieces = [" ".join(t_pieces)] + [""] * (len(pieces) - 1) if pieces else []
        for k, piece in enumerate(pieces):
            t = t_pieces[k] if k < len(t_pieces) and t_pieces[k] else None
            b.add(text_line, piece, t, translation_line if t is not None else None)
    return b


def _without_escaped_invisible(
    turn: dict[str, Any], invisible: frozenset[str], lines: dict[str, int], hidden: list[HiddenCharacter]
) -> dict[str, Any]:
    """A JSON turn whose string values lost the invisible characters written as escapes ("\\u200b").

    Characters written as themselves were removed from the raw text with their columns; an escape
    decodes only here, so its record gives the line of the value and no column.
    """
    clean = dict(turn)
    for key, value in turn.items():
        if isinstance(value, str):
            text, removed = remove_characters(value, invisible)
            if removed:
                hidden.extend(HiddenCharacter(lines[key], None, value[i]) for i in removed)
                clean[key] = text
    return clean


def parse_text(raw: str, name: str, layout: str | None = None, words: Words | None = None) -> Transcript:
    """Parse decoded text into a Transcript; `layout` forces one of LAYOUTS.

    Invisible characters (`auditor/data/invisible.toml`, extended by `words`) are removed from the
    text every parser and check reads, and recorded with their line and column in
    `Transcript.hidden_characters`.
    """
    invisible = invisible_characters(words or default_words())
    lines, hidden = remove_invisible(split_lines(raw, name), invisible)
    shortened = [shorten_punctuation_runs(line) for line in lines]
    if hidden or shortened != lines:
        lines = shortened
        raw = "\n".join(lines) + "\n"
    if layout is not None and layout not in LAYOUTS:
        raise InputError(f"unknown layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
    try:
        chosen = layout or detect_layout(raw, lines)
    except InputError as exc:
        raise NotATranscript(f"{name}: {exc}") from None
    if chosen == "json":
        builder = parse_json(raw, name, invisible)
    elif chosen == "bilingual":
        builder = parse_bilingual(lines)
    else:
        builder = parse_english(lines)
    if not builder.turns or not any(t.paragraphs for t in builder.turns):
        raise NotATranscript(f"{name}: unrecognised layout: no speaker turn with text was found (layout {chosen})")
    transcript = Transcript(
        path=name,
        layout=chosen,
        lines=lines,
        turns=builder.turns,
        preamble=builder.preamble,
        layout_issues=builder.issues,
        hidden_characters=sorted(hidden + builder.hidden, key=lambda h: (h.line, h.column or 0)),
        target_lang="zh-Hant" if chosen == "bilingual" or any(p.translation for t in builder.turns for p in t.paragraphs) else None,
    )
    if transcript.target_lang and _is_simplified(transcript):
        transcript.target_lang = "zh-Hans"
    return transcript


def _is_simplified(transcript: Transcript) -> bool:
    sample = "".join(p.translation or "" for p in transcript.paragraphs[:40])
    simplified = sum(sample.count(ch) for ch in "们这说国时为会发来对经实过还现")
    traditional = sum(sample.count(ch) for ch in "們這說國時為會發來對經實過還現")
    return simplified > traditional


_FILE_KINDS = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
               (stat.S_ISCHR, "is a character device, not a regular file"),
               (stat.S_ISBLK, "is a block device, not a regular file"),
               (stat.S_ISSOCK, "is a socket, not a regular file"))


def describe_os_error(display: str, exc: OSError) -> str:
    """One line for an OS error on an input path, in the user's terms."""
    if exc.errno == errno.ENOENT:
        return f"{display}: no such file"
    if exc.errno == errno.ELOOP:
        return f"{display}: symbolic link loop (the link resolves to itself)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{display}: permission denied"
    return f"{display}: cannot be read ({exc.strerror or exc})"


def read_at_most(stream: BinaryIO, size_hint: int | None = None) -> bytes:
    """The bytes of `stream`, at most the size limit plus one (a byte past it is enough to refuse it).

    Why not `stream.read(MAX_FILE_BYTES + 1)`: a buffered `read(n)` allocates its n bytes before it
    reads, 20 MiB for every file however small. The stream is read in pieces: first its expected
    size plus one byte (`size_hint`: a regular file's size), then pieces of 1 MiB (a pipe, or a
    file grown since), joined once. A piece shorter than asked is the end (the stream blocks).
    """
    limit = MAX_FILE_BYTES + 1
    pieces: list[bytes] = []
    got = 0
    step = size_hint + 1 if size_hint is not None else _PIECE
    while got < limit:
        asked = min(step, limit - got)
        piece = stream.read(asked)
        pieces.append(piece)
        got += len(piece)
        if len(piece) < asked:  # a buffered or blocking read is short only at the end
            break
        step = _PIECE
    return b"".join(pieces)


#: what `read_at_most` asks for at a time, past the expected size
_PIECE = 1 << 20


def read_bytes(path: str | Path, display: str) -> bytes:
    """The bytes of a regular file, at most the size limit plus one byte.

    Opened without blocking and checked before reading: a FIFO or a device would block forever
    (or never end) and a gate that hangs is worse than one that fails, so anything that is not a
    regular file is refused.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(describe_os_error(display, exc)) from None
    try:
        status = os.fstat(fd)
        for test, message in _FILE_KINDS:
            if test(status.st_mode):
                raise InputError(f"{display}: {message}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_at_most(fh, status.st_size)
    except OSError as exc:
        raise InputError(describe_os_error(display, exc)) from None
    finally:
        os.close(fd)


def read_transcript(path: str | Path, layout: str | None = None, name: str | None = None,
                    words: Words | None = None) -> Transcript:
    """Read and parse a transcript file. The file is only read, never written."""
    display = name or str(path)
    return parse_text(decode(read_bytes(path, display), display), display, layout, words)
