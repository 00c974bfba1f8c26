"""nbgrader preprocessors that keep one bad submission from breaking its own grading.

``grade`` swaps them in for nbgrader's ``Execute``, ``LimitOutput`` and
``OverwriteCells`` (see ``config.grading_overrides``).
"""

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute, LimitOutput, OverwriteCells
from traitlets import Integer

KERNEL_DIED = "KernelDied"
NOT_RUN = "NotRun"
TRUNCATED = "... output truncated by the grader ..."


def error_output(ename, evalue):
    """An error output as a failing cell shows it, with a one-line traceback."""
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class RobustExecute(Execute):
    """nbgrader's Execute, except that a kernel that dies or stops answering fails only the cells it reached.

    nbgrader abandons the whole notebook when the kernel dies (``os._exit``, a
    segfault) or cannot be interrupted after a timeout, so the student gets no
    feedback and the cells that passed earn nothing. Here the cell gets an error
    output, every later code cell a "not run" error, and grading goes on.
    """

    def preprocess(self, nb, resources=None, km=None):
        """Execute the notebook, remembering why execution stopped (if it did)."""
        self.stopped = None
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        """Execute one cell; after a fatal kernel error, mark it and skip the rest."""
        if self.stopped and cell.cell_type == "code":
            cell.outputs = [error_output(NOT_RUN, f"not run because {self.stopped}")]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.stopped = f"the kernel died in cell {index + 1}"
            message = "the kernel died while running this cell (os._exit, a crash, or out of memory)"
        except CellTimeoutError:
            self.stopped = f"the kernel stopped answering in cell {index + 1}"
            message = f"the kernel did not answer within {self.timeout} s, even after an interrupt"
        self.log.error("Cell %d: %s", index + 1, message)
        cell.outputs.append(error_output(KERNEL_DIED, message))
        return cell, self.resources


class LimitOutputSize(LimitOutput):
    """nbgrader's LimitOutput (lines and traceback length), plus a cap on the characters of every output.

    LimitOutput counts lines only, so one enormous line (``print("x" * 10**8)``) or
    a huge result would still reach the feedback page.
    """

    max_chars = Integer(
        200_000, help="maximum characters of one output (text is cut, other data dropped); -1 means no limit"
    ).tag(config=True)

    def _cap(self, text):
        """``text``, cut to ``max_chars`` with a marker when it is longer."""
        if self.max_chars < 0 or len(text) <= self.max_chars:
            return text
        return text[: self.max_chars] + "\n" + TRUNCATED

    def _cap_data(self, data):
        """A mime bundle whose text is cut and whose oversized binary data is replaced by a note."""
        for mime, value in list(data.items()):
            text = value if isinstance(value, str) else "\n".join(value) if isinstance(value, list) else None
            if text is None or len(text) <= self.max_chars or self.max_chars < 0:
                continue
            if mime.startswith("text/"):
                data[mime] = self._cap(text)
            else:
                del data[mime]
                data["text/plain"] = f"{TRUNCATED} ({mime}, {len(text):,} characters)"

    def preprocess_cell(self, cell, resources, cell_index):
        """Apply nbgrader's limits, then the character cap."""
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code":
            for output in cell.outputs:
                if output.output_type == "stream":
                    output.text = self._cap(output.text)
                elif "data" in output:
                    self._cap_data(output.data)
        return cell, resources


class RestoreDeletedCells(OverwriteCells):
    """nbgrader's OverwriteCells, with a sturdier way to put back the graded cells a student deleted.

    nbgrader 0.9 re-inserts a deleted grade cell after the previous grade or
    solution cell, and fails with KeyError (so the whole notebook goes ungraded)
    when the cell before it is a locked cell of another kind, such as an
    explanation. Here it goes after the nearest earlier cell of the source
    notebook that the submission still has.
    """

    def add_missing_grade_cells(self, nb, resources):
        """Insert every deleted grade cell (as nbgrader marks it) after its nearest surviving predecessor."""
        source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source.source_cells]
        points = {cell.name: cell.max_score for cell in source.grade_cells}
        solutions = {cell.name for cell in source.solution_cells}
        for position, name in enumerate(order):
            present = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(nb.cells)}
            if name not in points or name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", name)
            earlier = [present[before] for before in order[:position] if before in present]
            original = source.source_cells[position]
            cell = self.missing_cell_transform(original, points[name], is_solution=name in solutions)
            nb.cells.insert(earlier[-1] + 1 if earlier else 0, cell)
        return nb, resources
