"""The library's code runner: what it reads as quoted output, and that it reports what is wrong."""

import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_lessons  # noqa: E402


def lesson(body):
    return "---\nid: a\n---\n" + textwrap.dedent(body)


class QuotedFigures(unittest.TestCase):
    def test_figures_are_read_in_order_with_their_mode(self):
        self.assertEqual(run_lessons.claimed_figures(" 10.4506 5.5735"), [("10.4506", False), ("5.5735", False)])
        self.assertEqual(run_lessons.claimed_figures(" ~0.24, close to 0.5**2"), [("0.24", True)])
        self.assertEqual(run_lessons.claimed_figures(" both ≈ [1.5, 0.667]"), [("1.5", True), ("0.667", True)])
        self.assertEqual(run_lessons.claimed_figures(" +0.05, -0.038"), [("+0.05", False), ("-0.038", False)])
        self.assertEqual(run_lessons.claimed_figures(" ~1.8-2x: overconfident"), [("1.8", True), ("2", True)])
        self.assertEqual(run_lessons.claimed_figures(" 0.134: P(no defect)"), [("0.134", False)])
        self.assertEqual(run_lessons.claimed_figures(" True: no peeking ahead"), [("True", False)])

    def test_prose_comments_quote_nothing(self):
        self.assertEqual(run_lessons.claimed_figures(" scores = UΣ"), [])
        self.assertEqual(run_lessons.claimed_figures(" P(X >= 5) = 0.18"), [])

    def test_exact_figures_match_to_the_decimals_shown_and_approximate_ones_within_five_percent(self):
        self.assertTrue(run_lessons.matches("10.45", False, "10.4506"))
        self.assertFalse(run_lessons.matches("10.46", False, "10.4506"))
        self.assertTrue(run_lessons.matches("6,500", True, "6512"))
        self.assertFalse(run_lessons.matches("0.24", True, "0.30"))

    def test_a_dash_after_a_digit_is_no_sign(self):
        self.assertEqual(run_lessons.printed_figures("2024-01-08 -2.5"), ["2024", "01", "08", "-2.5"])


class Runs(unittest.TestCase):
    def run_text(self, text):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "lesson.md"
            path.write_text(text, encoding="utf-8")
            return run_lessons.run_lesson(path, sys.executable, 60)[1]

    def test_a_wrong_quote_is_reported_and_a_right_one_is_not(self):
        problems = self.run_text(lesson("""
            ```python
            x = 2 / 3
            print(round(x, 4))   # 0.6667
            print(round(x, 2))   # 0.66
            for n in (1, 2):
                print(n * 10)    # 10 20
            ```
            """))
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("0.66", problems[0])

    def test_blocks_share_one_interpreter_and_a_raise_is_reported(self):
        problems = self.run_text(lesson("""
            ```python
            value = 41
            ```

            ```python
            print(value + 1)   # 42
            raise ValueError("broken")
            ```
            """))
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("ValueError", problems[0])

    def test_sql_runs_in_the_lessons_database_and_other_fences_are_refused(self):
        problems = self.run_text(lesson("""
            ```sql
            SELECT count(*) FROM t;
            ```

            ```python
            import sqlite3
            db = sqlite3.connect(":memory:")
            db.execute("CREATE TABLE t (x)")
            ```

            ```bash
            echo hi
            ```
            """))
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("```bash", problems[0])


if __name__ == "__main__":
    unittest.main()
