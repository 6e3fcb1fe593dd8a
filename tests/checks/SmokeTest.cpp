#include "gtest/gtest.h"
TEST(CheckSmoke, Nothing) { SUCCEED(); }
