#!/usr/bin/env python3
"""Runs every fenced code block of the lesson library and checks the output the text quotes.

Each lesson's ```python blocks run top to bottom in one fresh interpreter, in a temporary
directory. A `print(...)` whose line carries a comment that starts with figures is checked: the
figures in the comment must be printed by that call, in order. A figure written plainly must equal
the printed value rounded to the decimals shown; one after `~`, `≈`, "about", "around", "roughly" or
"close to" must lie within 5% (or one unit of its last digit, whichever is larger). `True`/`False`
are matched as words. A ```sql block runs after the lesson's Python, in the SQLite connection the
Python names `db` (the tables the lesson builds), or else in an empty in-memory database.

Usage: run_lessons.py [--python PYTHON] [--timeout SECONDS] [LESSON.md | DIRECTORY ...]
Exit status 0 when every block runs and every quoted output matches; the failures are printed.
"""

import argparse
import ast
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tokenize
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[2] / "Services" / "Content" / "Library"
FENCE = re.compile(r"^```(\w*)\s*$")

# The harness that runs inside the lesson's interpreter: it executes the blocks in one namespace and
# records what each `print` call printed, keyed by block and the line range of the call.
HARNESS = r'''
import builtins, io, json, sqlite3, sys, traceback, types
blocks = json.loads(sys.stdin.read())
# The lessons' code runs as the main module (cProfile.run and pickling look names up there).
main = types.ModuleType("__main__")
sys.modules["__main__"] = main
namespace = main.__dict__
printed = {}
real_print = builtins.print

def recording_print(*args, **kwargs):
    frame = sys._getframe(1)
    while frame is not None and not frame.f_code.co_filename.startswith("<block "):
        frame = frame.f_back
    if frame is not None and kwargs.get("file") in (None, sys.stdout):
        buffer = io.StringIO()
        real_print(*args, **{**kwargs, "file": buffer})
        printed.setdefault(f"{frame.f_code.co_filename}:{frame.f_lineno}", []).append(buffer.getvalue())
    real_print(*args, **kwargs)

builtins.print = recording_print
failure = None
order = [i for i, b in enumerate(blocks) if b[0] != "sql"] + [i for i, b in enumerate(blocks) if b[0] == "sql"]
for index in order:
    language, source = blocks[index]
    try:
        if language == "sql":
            db = namespace.get("db")
            connection = db if isinstance(db, sqlite3.Connection) else sqlite3.connect(":memory:")
            for statement in [s for s in source.split(";") if s.strip()]:
                connection.execute(statement).fetchall()
        else:
            exec(compile(source, f"<block {index}>", "exec"), namespace)
    except BaseException:
        failure = {"block": index, "error": traceback.format_exc(limit=-3)}
        break
builtins.print = real_print
sys.stdout.flush()
sys.stderr.write("\\n@@RESULT@@" + json.dumps({"printed": printed, "failure": failure}))
'''

NUMBER = re.compile(r"[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-−+]?\.\d+(?:[eE][-+]?\d+)?|\b(?:True|False|nan|inf)\b")
APPROXIMATE = re.compile(r"^(?:~|≈|about\b|around\b|roughly\b|close to\b|approx\.?|approximately\b)", re.IGNORECASE)
# Words that may sit between figures without ending the quoted output.
JOINERS = re.compile(
    r"^(?:vs\.?|and|to|then|or|x|×|per|±|->|→|,|/|\(|\)|\[|\]|\{|\}|%|'|\"|\s|\.\.\.|…)+", re.IGNORECASE
)


def value(token):
    token = token.replace("−", "-").replace(",", "")
    if token in ("True", "False"):
        return token
    return float(token)


def decimals(token):
    token = token.replace(",", "")
    mantissa = re.split(r"[eE]", token)[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def printed_figures(text):
    """The figures in printed text; a `-` right after a digit joins a date or a range, so is no sign."""
    figures = []
    for match in NUMBER.finditer(text):
        figure = match.group(0)
        if figure[:1] in ("-", "−") and match.start() > 0 and text[match.start() - 1].isdigit():
            figure = figure[1:]
        figures.append(figure)
    return figures


def claimed_figures(comment):
    """The figures a comment starts with, each with whether it is approximate; [] for prose."""
    text = comment.strip()
    figures = []
    approximate = False
    after_figure = False
    # Leading words are allowed ("both ≈ [1.5, 0.667]") as long as no figure sits among them.
    while text:
        if after_figure and text[:1] in ("-", "–") and text[1:2].isdigit():
            text = text[1:]  # a range, "1.8-2", not a negative figure
            after_figure = False
            continue
        marker = APPROXIMATE.match(text)
        if marker and figures and marker.group(0)[0].isalpha():
            break  # "0.24, close to 0.5**2": words after the figures are commentary
        if marker:
            approximate = True
            text = text[marker.end():].lstrip()
            continue
        number = NUMBER.match(text)
        if number:
            figures.append((number.group(0), approximate))
            text = text[number.end():]
            after_figure = True
            continue
        after_figure = False
        joiner = JOINERS.match(text)
        if joiner:
            text = text[joiner.end():]
            continue
        if figures:
            break
        word = re.match(r"^[A-Za-z][\w'’-]*", text)
        if not word:
            break
        text = text[word.end():].lstrip()
    return figures


def matches(claimed, approximate, printed):
    expected, got = value(claimed), value(printed)
    if isinstance(expected, str) or isinstance(got, str):
        return expected == got
    if expected != expected or got != got:  # nan
        return expected != expected and got != got
    if approximate:
        unit = 10 ** -decimals(claimed)
        return abs(got - expected) <= max(0.05 * abs(expected), unit) + 1e-12
    return round(got, decimals(claimed)) == expected or abs(got - expected) <= 0.5 * 10 ** -decimals(claimed) + 1e-9


def check_quotes(path, blocks, printed):
    problems = []
    for index, (language, source, first_line) in enumerate(blocks):
        if language == "sql":
            continue
        tree = ast.parse(source)
        comments = {
            token.start[0]: token.string[1:]
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        }
        for node in ast.walk(tree):
            is_print = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            )
            if not is_print:
                continue
            comment = next((comments[line] for line in range(node.lineno, node.end_lineno + 1) if line in comments), None)
            if comment is None:
                continue
            figures = claimed_figures(comment)
            if not figures:
                continue
            outputs = [
                text
                for line_number in range(node.lineno, node.end_lineno + 1)
                for text in printed.get(f"<block {index}>:{line_number}", [])
            ]
            where = f"{path.relative_to(LIBRARY) if path.is_relative_to(LIBRARY) else path}:{first_line + node.lineno}"
            if not outputs:
                problems.append(f"{where}: the comment quotes {comment.strip()!r} but the line never printed")
                continue
            got = printed_figures(" ".join(outputs))
            position = 0
            for claimed, approximate in figures:
                while position < len(got) and not matches(claimed, approximate, got[position]):
                    position += 1
                if position == len(got):
                    shown = " | ".join(text.strip() for text in outputs)[:200]
                    problems.append(f"{where}: comment says {comment.strip()!r}, printed {shown!r} (no match for {claimed})")
                    break
                position += 1
    return problems


def code_blocks(markdown):
    """(language, source, line of the opening fence) for each fenced block in the lesson."""
    blocks, current, language, start = [], None, None, 0
    for number, line in enumerate(markdown.split("\n"), start=1):
        fence = FENCE.match(line.strip())
        if current is None and fence:
            current, language, start = [], fence.group(1).lower(), number
        elif current is not None and line.strip().startswith("```"):
            blocks.append((language, "\n".join(current), start))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def run_lesson(path, python, timeout):
    blocks = code_blocks(path.read_text(encoding="utf-8"))
    unknown = [b for b in blocks if b[0] not in ("python", "sql")]
    problems = [f"{path}:{b[2]}: a ```{b[0] or '(no language)'} block; lessons use ```python or ```sql" for b in unknown]
    runnable = [b for b in blocks if b[0] in ("python", "sql")]
    if not runnable:
        return len(blocks), problems
    with tempfile.TemporaryDirectory() as directory:
        environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        try:
            finished = subprocess.run(
                [python, "-c", HARNESS],
                input=json.dumps([[language, source] for language, source, _ in runnable]),
                capture_output=True, text=True, cwd=directory, timeout=timeout, env=environment,
            )
        except subprocess.TimeoutExpired:
            return len(blocks), problems + [f"{path}: the code took longer than {timeout} s"]
    marker = finished.stderr.rfind("@@RESULT@@")
    if marker < 0:
        return len(blocks), problems + [f"{path}: the interpreter died: {finished.stderr[-800:]}"]
    result = json.loads(finished.stderr[marker + len("@@RESULT@@"):])
    if result["failure"]:
        failing = runnable[result["failure"]["block"]]
        return len(blocks), problems + [f"{path}:{failing[2]}: the block raised\n{result['failure']['error']}"]
    return len(blocks), problems + check_quotes(path, runnable, result["printed"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("paths", nargs="*", type=Path)
    arguments = parser.parse_args()
    lessons = []
    for path in arguments.paths or [LIBRARY]:
        path = path.resolve()
        lessons += sorted(p for p in path.rglob("*.md") if p.name != "_index.md") if path.is_dir() else [path]
    total_blocks, problems = 0, []
    for lesson in lessons:
        count, found = run_lesson(lesson, arguments.python, arguments.timeout)
        total_blocks += count
        problems += found
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(lessons)} lessons, {total_blocks} code blocks: {'all run, every quoted output matches' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
