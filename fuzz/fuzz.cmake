# libFuzzer targets (MESHBGP_FUZZ=ON, clang only): the codecs and config
# loaders a peer or an operator can feed bytes to, and the RIB and update
# groups those UPDATEs end up in. Only the pure libraries
# they need are built, instrumented for coverage; scripts/fuzz configures
# this in its own build dir so the main build stays g++.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MESHBGP_FUZZ needs clang (CXX=clang++), found ${CMAKE_CXX_COMPILER_ID}")
endif()
add_compile_options(-fsanitize=fuzzer-no-link)

add_subdirectory(bgpd/wire)
add_subdirectory(evpn)
add_subdirectory(bgpd/config)
# The RIB fuzz target: the Loc-RIB, update groups and import/export policy
# (no session library: RouteExchange needs sockets; the import rules it
# applies live in bgpd/policy/update_import.h).
add_subdirectory(rib)
add_subdirectory(bgpd/policy)

add_library(meshbgp_fuzz_messages STATIC fuzz/message_checks.cc)
target_include_directories(meshbgp_fuzz_messages PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(meshbgp_fuzz_messages PUBLIC meshbgp_evpn meshbgp_wire)
add_library(meshbgp_fuzz_config STATIC fuzz/config_checks.cc)
target_include_directories(meshbgp_fuzz_config PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(meshbgp_fuzz_config PUBLIC meshbgp_config)

function(meshbgp_fuzz name)
  add_executable(${name} fuzz/${name}.cc)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${ARGN})
endfunction()

meshbgp_fuzz(fuzz_framing meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_open meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_update meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_update_evpn meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_notification meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_route_refresh meshbgp_fuzz_messages)
meshbgp_fuzz(fuzz_rib_exchange meshbgp_policy meshbgp_rib meshbgp_wire)
meshbgp_fuzz(fuzz_config meshbgp_fuzz_config)
meshbgp_fuzz(fuzz_meshrr_config meshbgp_fuzz_config)
