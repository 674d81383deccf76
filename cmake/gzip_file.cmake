# cmake -DIN=FILE -DOUT=FILE.gz -DGZIP=/usr/bin/gzip -P gzip_file.cmake
# Compresses IN into OUT, reproducibly (-n: no name or time in the header).
execute_process(COMMAND "${GZIP}" -9 -n -c "${IN}" OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${OUT}")
  message(FATAL_ERROR "gzip failed on ${IN}")
endif()
