"""Lists the packages: setuptools' automatic discovery cannot map resources/ by itself."""

from setuptools import find_packages, setup

packages = [*find_packages(include=["readiness", "readiness.*"]), "readiness.resources"]
setup(packages=packages)
