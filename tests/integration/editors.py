#!/usr/bin/env python3
# ===--- editors.py - the command lines editors run, on a file with a finding ===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Runs clang-tidy exactly as each editor integration of docs/editors.md does.

Usage: editors.py <plugin libEscapeTidy-N.so> <LLVM major N> <work dir>

The settings are read from the files docs/editors.md tells users to copy
(docs/editors/*), with the documented plugin path and clang-tidy-14 replaced
by the plugin under test and clang-tidy-N. Each command line is built the way
the client builds it (the client's source file and lines are cited), run on a
project with a compile database and one finding, and its output is parsed the
way the client parses it:

- VS Code, clang-tidy extension (notskm.clang-tidy 0.5.1, src/tidy.ts
  clangTidyArgs): [...extraArgs, file, "--export-fixes=-", "--checks=<checks
  joined by ','>", "--extra-arg=<each compilerArgs>", "-p=<buildPath>"], run in
  the workspace folder; it reads the YAML after the "---" line of stdout.
- VS Code, tasks.json: a "process" task; ${file} and ${workspaceFolder} are
  substituted, and the problemMatcher regexp is applied to each output line.
- Vim, ALE 3.3.0 (Debian vim-ale, ale_linters/cpp/clangtidy.vim lines 38-43):
  "%e -checks=<shellescaped checks> <shellescaped extra_options> %s -p
  <shellescaped build dir>", run through /bin/sh -c; output parsed with
  autoload/ale/handlers/gcc.vim line 13's pattern.
- Emacs, flycheck-clang-tidy 0.2.0 (flycheck-clang-tidy.el, the :command of
  c/c++-clang-tidy): clang-tidy -p <build-path> -extra-arg=-I<file's dir>/
  -config=<.clang-tidy contents> <extra-options> <source>, where <source> is
  a copy of the buffer in a fresh temporary directory (flycheck's `source`),
  run in the project root; parsed with the checker's warning pattern.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

DOC_PLUGIN = "/usr/local/lib/escape-tidy/libEscapeTidy-14.so"
DOC_TIDY = "clang-tidy-14"
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print(f"FAIL: {message}", file=sys.stderr)
    return condition


def run(argv, cwd, shell=False):
    result = subprocess.run(argv, cwd=cwd, shell=shell, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    shown = argv if isinstance(argv, str) else " ".join(shlex.quote(a) for a in argv)
    print(f"$ (cd {cwd} && {shown})\n{result.stdout}", end="")
    return result


def main():
    plugin, major, work = sys.argv[1], sys.argv[2], sys.argv[3]
    src = os.path.dirname(os.path.abspath(__file__))
    docs = os.path.normpath(os.path.join(src, "..", "..", "docs", "editors"))
    tidy = f"clang-tidy-{major}"
    if not check(shutil.which(tidy), f"{tidy} is not installed"):
        return 1

    def adapt(text):
        return text.replace(DOC_PLUGIN, plugin).replace(DOC_TIDY, tidy)

    # The project: src/alloc.cpp includes a header next to it (found only
    # with the compile command's -I, or flycheck's -extra-arg=-I<dir>).
    shutil.rmtree(work, ignore_errors=True)
    proj = os.path.join(work, "project")
    os.makedirs(os.path.join(proj, "src"))
    os.makedirs(os.path.join(proj, "build"))
    with open(os.path.join(proj, "src", "point.h"), "w") as f:
        f.write("#pragma once\nstruct Point {\n  double x, y;\n};\n")
    source = os.path.join(proj, "src", "alloc.cpp")
    text = ('#include "point.h"\n#include <memory>\n\n'
            "double norm(double a) {\n"
            "  auto p = std::make_unique<Point>();\n"
            "  p->x = a;\n  return p->x;\n}\n")
    with open(source, "w") as f:
        f.write(text)
    with open(os.path.join(proj, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,escape-*'\n")
    with open(os.path.join(proj, "build", "compile_commands.json"), "w") as f:
        json.dump([{"directory": os.path.join(proj, "build"), "file": source,
                    "command": f"/usr/bin/c++ -std=c++17 -I{proj}/src -o alloc.o -c {source}"}], f)
    message = ("'Point' (16 bytes) is heap-allocated but never escapes 'norm'; "
               "consider a local variable")
    warning = f":5:12: warning: {message} [escape-heap-to-stack]"
    offset = text.index("std::make_unique")  # clang-tidy's FileOffset of 5:12

    # --- VS Code: the clang-tidy extension (notskm.clang-tidy) -------------
    with open(os.path.join(docs, "vscode-settings.json")) as f:
        settings = json.loads(adapt(f.read()))
    args = [*settings.get("clang-tidy.extraArgs", []), source, "--export-fixes=-"]
    if settings.get("clang-tidy.checks"):
        args.append("--checks=" + ",".join(settings["clang-tidy.checks"]))
    args += [f"--extra-arg={a}" for a in settings.get("clang-tidy.compilerArgs", [])]
    args += [f"--extra-arg-before={a}" for a in settings.get("clang-tidy.compilerArgsBefore", [])]
    if settings.get("clang-tidy.buildPath"):
        args.append(f"-p={settings['clang-tidy.buildPath']}")
    result = run([settings.get("clang-tidy.executable", "clang-tidy"), *args], proj)
    check(result.returncode == 0, f"VS Code extension: exit code {result.returncode}: {result.stderr}")
    check(source + warning in result.stdout.splitlines(),
          "VS Code extension: the warning line is missing")
    yaml_at = re.search(r"^---$", result.stdout, re.M)
    if check(yaml_at, "VS Code extension: no --export-fixes YAML on stdout"):
        import yaml  # python3-yaml (tools/install-deps.sh)
        fixes = yaml.safe_load(result.stdout[yaml_at.start():])
        diags = fixes.get("Diagnostics", [])
        check(len(diags) == 1, f"VS Code extension: {len(diags)} diagnostics in the YAML")
        if diags:
            d = diags[0]
            dm = d.get("DiagnosticMessage", {})
            check(d.get("DiagnosticName") == "escape-heap-to-stack", f"YAML: {d}")
            check(dm.get("Message") == message, f"YAML Message: {dm.get('Message')!r}")
            check(dm.get("FilePath") == source, f"YAML FilePath: {dm.get('FilePath')!r}")
            check(dm.get("FileOffset") == offset, f"YAML FileOffset: {dm.get('FileOffset')} != {offset}")
            check(d.get("Level") == "Warning", f"YAML Level: {d.get('Level')}")

    # --- VS Code: tasks.json with a problemMatcher --------------------------
    with open(os.path.join(docs, "vscode-tasks.json")) as f:
        task = json.loads(adapt(f.read()))["tasks"][0]
    subst = {"${file}": source, "${workspaceFolder}": proj}

    def expand(value):
        for key, val in subst.items():
            value = value.replace(key, val)
        return value

    check(task["type"] == "process", "tasks.json: not a process task")
    result = run([expand(task["command"]), *map(expand, task["args"])],
                 expand(task["options"]["cwd"]))
    check(result.returncode == 0, f"tasks.json: exit code {result.returncode}: {result.stderr}")
    pattern = task["problemMatcher"]["pattern"]
    problems = []
    for line in result.stdout.splitlines():
        m = re.match(pattern["regexp"], line)
        if m:
            problems.append(tuple(m.group(pattern[k]) for k in
                                  ("file", "line", "column", "severity", "message")))
    check(problems == [
        (source, "5", "12", "warning", f"{message} [escape-heap-to-stack]"),
        (source, "5", "8", "note", "'p' owns the object and no use of it lets the object escape"),
    ], f"tasks.json problemMatcher found {problems}")

    # --- Vim: ALE's clangtidy linter ----------------------------------------
    ale = {}
    with open(os.path.join(docs, "ale.vim")) as f:
        for line in adapt(f.read()).splitlines():
            m = re.match(r"^let g:(\w+) = (.*)$", line)
            if m:
                ale[m.group(1)] = json.loads(m.group(2).replace("'", '"'))
    check(ale.get("ale_linters") == {"cpp": ["clangtidy"]}, f"ale.vim: {ale}")
    # ale#c#FindCompileCommands: no compile_commands.json above the file, so
    # <ancestor>/build/compile_commands.json is used; the build dir is its
    # directory (ale#c#GetBuildDirectory).
    build_dir = os.path.join(proj, "build")
    q = shlex.quote  # ale#Escape() is shellescape() on Unix (autoload/ale.vim:233)
    command = (q(ale["ale_cpp_clangtidy_executable"])  # %e
               + " -checks=" + q(",".join(ale["ale_cpp_clangtidy_checks"]))
               + " " + q(ale["ale_cpp_clangtidy_extra_options"])
               + " " + q(source)  # %s
               + " -p " + q(build_dir))
    result = run(command, "/", shell=True)
    check(result.returncode == 0, f"ALE: exit code {result.returncode}: {result.stderr}")
    gcc = re.compile(r"^([a-zA-Z]?:?[^:]+):(\d+)?:?(\d+)?:? ([^:]+): (.+)$")
    matches = [gcc.match(l).groups() for l in result.stdout.splitlines() if gcc.match(l)]
    check((source, "5", "12", "warning", f"{message} [escape-heap-to-stack]") in matches,
          f"ALE's gcc pattern found {matches}")

    # --- Emacs: flycheck-clang-tidy ------------------------------------------
    el = {}
    with open(os.path.join(docs, "flycheck.el")) as f:
        for m in re.finditer(r'\(setq (\S+)\s+"([^"]*)"\)', adapt(f.read())):
            el[m.group(1)] = m.group(2)
    tmp = tempfile.mkdtemp(prefix="flycheck", dir=work)
    copy = os.path.join(tmp, "alloc.cpp")  # flycheck's `source`: the buffer, same name
    shutil.copyfile(source, copy)
    with open(os.path.join(proj, ".clang-tidy")) as f:
        config = f.read()
    argv = [el["flycheck-clang-tidy-executable"],
            "-p", el["flycheck-clang-tidy-build-path"],
            "-extra-arg=-I" + os.path.dirname(source) + "/",
            "-config=" + config,
            el["flycheck-clang-tidy-extra-options"],
            copy]
    result = run(argv, proj)
    check(result.returncode == 0, f"flycheck: exit code {result.returncode}: {result.stderr}")
    check(copy + warning in result.stdout.splitlines(),
          "flycheck: the warning line on the temporary copy is missing")
    fly = re.compile(r"^(.+):(\d+):(\d+): warning: (.*)$")
    found = [fly.match(l).groups() for l in result.stdout.splitlines() if fly.match(l)]
    check(found == [(copy, "5", "12", f"{message} [escape-heap-to-stack]")],
          f"flycheck's warning pattern found {found}")

    if FAILURES:
        return 1
    print("editor command lines: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
