" escape-tidy through ALE's clangtidy linter (put in ~/.vimrc or
" ~/.vim/after/ftplugin/cpp.vim). See docs/editors.md.
let g:ale_linters = {'cpp': ['clangtidy']}
let g:ale_cpp_clangtidy_executable = 'clang-tidy-14'
let g:ale_cpp_clangtidy_checks = ['-*', 'escape-*']
" ONE option only: ALE passes this string as a single shell-quoted argument.
let g:ale_cpp_clangtidy_extra_options = '--load=/usr/local/lib/escape-tidy/libEscapeTidy-14.so'
" The build directory is found by ALE (the nearest compile_commands.json above
" the file, or in a build/ or bin/ directory above it). To force one:
" let g:ale_c_build_dir = '/path/to/project/build'
