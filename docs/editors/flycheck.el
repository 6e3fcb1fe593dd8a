;;; escape-tidy through flycheck-clang-tidy (MELPA), in init.el.
;;; See docs/editors.md.
(with-eval-after-load 'flycheck
  (require 'flycheck-clang-tidy)
  (add-hook 'flycheck-mode-hook #'flycheck-clang-tidy-setup)
  (setq flycheck-clang-tidy-executable "clang-tidy-14")
  ;; ONE argument only: the string is passed to clang-tidy as it is.
  (setq flycheck-clang-tidy-extra-options
        "--load=/usr/local/lib/escape-tidy/libEscapeTidy-14.so")
  ;; Relative to the project root (the VC root, else the .clang-tidy dir).
  (setq flycheck-clang-tidy-build-path "build"))
;;; The checks come from the project's .clang-tidy (Checks: '-*,escape-*'),
;;; which flycheck-clang-tidy passes as -config=<its contents>.
