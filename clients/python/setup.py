"""Puts libferry into the package when one is given, so the installed package finds it.

FERRY_LIBRARY names the libferry.so to copy (scripts/build-libferry prints it; `make python`
does both); without it the package is installed without a library and looks for $FERRY_LIBRARY
when imported. `make wheel` also sets
FERRY_WHEEL_RUNTIME to a folder of the libraries libferry needs (the Swift runtime and the C
libraries), which are copied beside it.
"""

import os
import pathlib
import shutil

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py


def library_to_bundle():
    explicit = os.environ.get("FERRY_LIBRARY")
    return pathlib.Path(explicit) if explicit else None


class BuildWithLibrary(build_py):
    """build_py, then libferry (and the runtime of a self-contained wheel) into ferry/_lib."""

    def run(self):
        super().run()
        library = library_to_bundle()
        if library is None:
            return
        target = pathlib.Path(self.build_lib) / "ferry" / "_lib"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(library, target / "libferry.so")
        runtime = os.environ.get("FERRY_WHEEL_RUNTIME")
        if runtime:
            for path in pathlib.Path(runtime).iterdir():
                shutil.copy2(path, target / path.name)


class PlatformWheel(bdist_wheel):
    """A wheel that carries libferry is for one platform (any Python 3): py3-none-linux_x86_64."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = library_to_bundle() is None

    def get_tag(self):
        python, abi, platform = super().get_tag()
        return ("py3", "none", platform) if not self.root_is_pure else (python, abi, platform)


setup(cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel})
