// Protocol versions as openssl's debug output names them ("TLS 1.2", ...).
#pragma once

namespace sc {

// nullptr for a version openssl has no name for.
const char* protocol_version_name(int version);

}  // namespace sc
