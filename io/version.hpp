// The build recorded in every output file. Defined in a file generated at build time
// (cmake/write_revision.cmake), so the revision is that of the sources compiled, not of the last
// configure, and a new commit recompiles one file.
#pragma once

namespace hardmax {
extern const char* const version;          // the project's version (CMakeLists.txt)
extern const char* const source_revision;  // git describe --always --dirty --tags, or "unknown"
}  // namespace hardmax
