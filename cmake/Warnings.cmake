# Warning and sanitizer flags applied to every evalbench target.
function(evalbench_apply_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(EVALBENCH_WERROR)
    # GCC 12's flow-based warnings fire inside libstdc++'s inlined
    # std::string code at -O2 (GCC bugs 105562, 105329, 107138): they stay
    # warnings; every other warning fails the build.
    target_compile_options(${target} PRIVATE -Werror -Wno-error=maybe-uninitialized -Wno-error=restrict
      -Wno-error=stringop-overflow -Wno-error=stringop-overread -Wno-error=array-bounds)
  endif()
endfunction()

if(EVALBENCH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(EVALBENCH_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
