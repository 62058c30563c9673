# SPDX-License-Identifier: MIT
"""A KTAP v1 parser: counts the leaf cases of the in-kernel self-tests.

Input is the serial log as timestamp-stripped lines (logs.log_lines());
nesting is read from indentation, as KTAP specifies. Each leaf `ok` is a
pass, each leaf `not ok` a failure (with the diagnostic lines printed since
the previous result), `# SKIP` a skip; a suite whose plan and results
disagree, or that the log ends inside, is one more failure (a "problem").
"""

import re

KTAP_DIAG_LINES = 25    # lines shown with a failed case

_KTAP_VERSION_RE = re.compile(r'^(?:KTAP|TAP) version \d+\s*$')
_PLAN_RE = re.compile(r'^1\.\.(\d+)\s*$')
_RESULT_RE = re.compile(r'^(ok|not ok)\s+(\d+)\b\s*(.*)$')
_SUBTEST_RE = re.compile(r'^#\s*Subtest:\s*(.*?)\s*$')
_DIAG_RE = re.compile(r'^#')


class _Block:
    """One KTAP test block (the top level, a suite, or a parameterised case)."""

    def __init__(self, indent, name=None):
        self.indent = indent
        self.name = name
        self.plan = None
        self.count = 0          # result lines seen at this level
        self.failed_below = 0   # leaf failures and problems inside
        self.pending_diag = []  # diagnostic lines since the last result


class KtapReport:
    def __init__(self):
        self.found = False      # saw a top-level `KTAP version` line
        self.passed = 0
        self.failed = 0         # leaf failures + problems
        self.skipped = 0
        self.failures = []      # (qualified case name, [diag lines])
        self.problems = []      # plan mismatches etc., each one failure

    def add_problem(self, text):
        self.problems.append(text)
        self.failed += 1


def _split_directive(rest):
    """'name # SKIP reason' -> ('name', 'SKIP reason')"""
    m = re.match(r'^(.*?)\s*(?:(?<!\S)#\s*(.*))?$', rest)
    name, directive = m.group(1), m.group(2)
    name = re.sub(r'^-\s*', '', name).strip()
    return name, (directive or '').strip()


def parse_ktap(lines):
    """Count KTAP leaf cases in timestamp-stripped log lines.

    Nesting is recognised by indentation.  A result line whose test had a
    nested block is a suite result (not counted itself); every other result
    line is a leaf case.  `# SKIP` leaves count as skipped.  A block whose
    number of results differs from its plan is one failure naming the missing
    count; so is a block the log ends in (the kernel died in the middle)."""
    rep = KtapReport()
    stack = []

    def qualified(case):
        names = [b.name or '?' for b in stack[1:]]
        return '.'.join(names + [case or '?'])

    def close_child(blk, how):
        """blk's results are complete (how='result': its result line came;
        'eof': the log ends inside it; 'restart': a new block began at its
        level).  Check its plan; returns the number of problems (0 or 1)."""
        label = blk.name or '(unnamed)'
        where = {'result': '', 'eof': '; the log ends inside the suite',
                 'restart': '; a new block started before its result line'}[how]
        if blk.plan is None:
            rep.add_problem('suite %s: no test plan (1..N) line%s' % (label, where))
        elif blk.count < blk.plan:
            rep.add_problem('suite %s: only %d of %d cases reported (%d missing)%s'
                            % (label, blk.count, blk.plan, blk.plan - blk.count, where))
        elif blk.count > blk.plan:
            rep.add_problem('suite %s: %d cases reported but the plan says %d%s'
                            % (label, blk.count, blk.plan, where))
        elif how != 'result':
            rep.add_problem('suite %s: no result line%s' % (label, where))
        else:
            return 0
        return 1

    def pop_into_parent(how):
        blk = stack.pop()
        problems = close_child(blk, how)
        stack[-1].failed_below += blk.failed_below + problems
        return blk, problems

    def finish_document():
        """Close everything still open (at end of log or at a new top-level
        `KTAP version`)."""
        open_suites = 0
        while len(stack) > 1:
            pop_into_parent('eof')
            open_suites += 1
        top = stack.pop()
        if top.plan is None:
            rep.add_problem('KTAP: top-level plan (1..N) missing')
            return
        missing = top.plan - top.count - open_suites
        if missing > 0:
            rep.add_problem('KTAP: %d of %d suites never started'
                            % (missing, top.plan))
        elif top.count > top.plan:
            rep.add_problem('KTAP: %d suites reported but the plan says %d'
                            % (top.count, top.plan))

    for line in lines:
        stripped = line.lstrip(' ')
        indent = len(line) - len(stripped)
        stripped = stripped.rstrip()

        if _KTAP_VERSION_RE.match(stripped):
            if indent == 0:
                if stack:
                    finish_document()
                rep.found = True
                stack.append(_Block(0))
                continue
            if not stack:
                continue
            while stack[-1].indent > indent or (stack[-1].indent == indent and len(stack) > 1):
                pop_into_parent('restart')
            stack.append(_Block(indent))
            continue

        if not stack:
            continue
        top = stack[-1]

        m = _SUBTEST_RE.match(stripped)
        if m:
            if (top.indent == indent and len(stack) > 1 and top.name is None
                    and top.plan is None and top.count == 0):
                top.name = m.group(1)
            elif indent > top.indent:
                stack.append(_Block(indent, m.group(1)))
            continue

        m = _PLAN_RE.match(stripped)
        if m:
            if top.indent == indent and top.plan is None:
                top.plan = int(m.group(1))
            elif indent > top.indent:
                blk = _Block(indent)
                blk.plan = int(m.group(1))
                stack.append(blk)
            continue

        m = _RESULT_RE.match(stripped)
        if m:
            ok = m.group(1) == 'ok'
            name, directive = _split_directive(m.group(3))
            skip = directive.upper().startswith('SKIP')
            if indent > top.indent:
                # A result deeper than any block header: an implicit block.
                stack.append(_Block(indent))
            child, child_problems = None, 0
            while len(stack) > 1 and stack[-1].indent > indent:
                if stack[-2].indent <= indent and stack[-1].name is None:
                    stack[-1].name = name      # the block this result ends
                child, child_problems = pop_into_parent('result')
            top = stack[-1]
            if top.indent != indent:
                continue
            top.count += 1
            if child is not None:
                # The result of a suite (or of a parameterised case).
                if skip and child.count == 0:
                    rep.skipped += 1
                elif (not ok and not skip and child.failed_below == 0
                      and child_problems == 0):
                    rep.add_problem('suite %s reported "not ok" but none of its '
                                    'cases failed' % (name or child.name))
                    top.failed_below += 1
            elif skip:
                rep.skipped += 1
            elif ok:
                rep.passed += 1
            else:
                rep.failed += 1
                top.failed_below += 1
                rep.failures.append((qualified(name), top.pending_diag[-KTAP_DIAG_LINES:]))
            top.pending_diag = []
            continue

        if _DIAG_RE.match(stripped) and indent > 0:
            # Attach to the block at this indentation (else the innermost).
            target = top
            for b in reversed(stack):
                if b.indent == indent:
                    target = b
                    break
            target.pending_diag.append(stripped)
        elif len(stack) > 1 and stripped:
            # Kernel output inside a suite (a BUG report, a warning): shown
            # with the case if it fails.
            top.pending_diag.append(line.rstrip())

    if stack:
        finish_document()
    return rep
