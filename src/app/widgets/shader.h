#pragma once
// Compiles the GLSL kept in shaders/ (embedded at build time) for this
// platform: the #version line and, for WebGL2, default precisions go first.
#include <string>

#include "platform/gl.h"

// A linked program, or 0 with *error naming the shader file and the log.
GLuint shader_program(const char* vert_name, const char* vert_body, const char* frag_name, const char* frag_body,
                      std::string* error);
