#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
TEST(Smoke, BuildsAST) {
  auto AST = clang::tooling::buildASTFromCodeWithArgs("int f() { return 1; }", {"-std=c++17"});
  ASSERT_TRUE(AST != nullptr);
}
