# Warnings every spraytrace target compiles with. SPRAYTRACE_WERROR turns them into errors (CI).
add_library(spraytrace_warnings INTERFACE)
target_compile_options(spraytrace_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wno-sign-conversion)
if(SPRAYTRACE_WERROR)
  target_compile_options(spraytrace_warnings INTERFACE -Werror)
endif()
if(SPRAYTRACE_DEVELOPMENT_CHECKS)
  target_compile_definitions(spraytrace_warnings INTERFACE SPRAYTRACE_DEVELOPMENT_CHECKS=1)
endif()
