# attest_library(NAME <target> DIR <folder> INCLUDE_AS <prefix>
#                SOURCES ... [DEPS ...] [EXTERNAL ...])
#
# Every folder of ours is one static library. Its headers are reachable only
# as "<prefix>/file.h" and only by targets that link it: each library gets a
# private include root under the build tree holding one symlink to its own
# folder. So a file in app/core that includes "store/..." fails to compile,
# because attest_core does not link attest_store. That is how a wrong-way
# dependency breaks the build instead of creeping in.

set(ATTEST_WARNINGS -Wall -Wextra -Wpedantic -Wshadow)
if(ATTEST_WERROR)
  list(APPEND ATTEST_WARNINGS -Werror)
endif()

function(attest_include_root target dir prefix)
  set(root "${CMAKE_BINARY_DIR}/include/${target}")
  get_filename_component(link "${root}/${prefix}" ABSOLUTE)
  get_filename_component(parent "${link}" DIRECTORY)
  file(MAKE_DIRECTORY "${parent}")
  if(NOT EXISTS "${link}")
    file(CREATE_LINK "${CMAKE_SOURCE_DIR}/${dir}" "${link}" SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC "${root}")
endfunction()

function(attest_library)
  cmake_parse_arguments(A "" "NAME;DIR;INCLUDE_AS" "SOURCES;DEPS;EXTERNAL" ${ARGN})
  add_library(${A_NAME} STATIC ${A_SOURCES})
  attest_include_root(${A_NAME} ${A_DIR} ${A_INCLUDE_AS})
  target_compile_options(${A_NAME} PRIVATE ${ATTEST_WARNINGS})
  target_link_libraries(${A_NAME} PUBLIC ${A_DEPS} PRIVATE ${A_EXTERNAL})
endfunction()

function(attest_executable name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_compile_options(${name} PRIVATE ${ATTEST_WARNINGS})
  target_link_libraries(${name} PRIVATE ${A_DEPS})
endfunction()

# attest_test(<folder name> SOURCES ... DEPS ...): one doctest binary per
# folder, registered with ctest under the folder's name.
function(attest_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  set(target test_${name})
  add_executable(${target} ${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp ${A_SOURCES})
  target_compile_options(${target} PRIVATE ${ATTEST_WARNINGS})
  target_link_libraries(${target} PRIVATE doctest::doctest ${A_DEPS})
  target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  add_test(NAME ${name} COMMAND ${target})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${A_TIMEOUT})
  if(A_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}")
  endif()
endfunction()
