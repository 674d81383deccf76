#include "app/widgets/shader.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "platform/platform.h"

namespace {

std::string with_prelude(const char* body) {
    std::string src = platform::glsl_version();
    src += '\n';
    if (std::strstr(platform::glsl_version(), " es")) src += "precision highp float;\nprecision highp int;\nprecision highp sampler2D;\n";
    src += "#line 1\n";
    return src + body;
}

GLuint compile(GLenum type, const char* name, const char* body, std::string* error) {
    GLuint shader = glCreateShader(type);
    std::string src = with_prelude(body);
    const char* text = src.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return shader;
    GLint len = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
    std::vector<char> log(static_cast<size_t>(len > 1 ? len : 1), '\0');
    glGetShaderInfoLog(shader, static_cast<GLsizei>(log.size()), nullptr, log.data());
    *error = std::string("shaders/") + name + " does not compile: " + log.data();
    std::fprintf(stderr, "poollab: %s\n", error->c_str());
    glDeleteShader(shader);
    return 0;
}

}  // namespace

GLuint shader_program(const char* vert_name, const char* vert_body, const char* frag_name, const char* frag_body,
                      std::string* error) {
    GLuint vs = compile(GL_VERTEX_SHADER, vert_name, vert_body, error);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, frag_name, frag_body, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok) return program;
    char log[1024] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    *error = std::string("shaders/") + vert_name + " + " + frag_name + " do not link: " + log;
    std::fprintf(stderr, "poollab: %s\n", error->c_str());
    glDeleteProgram(program);
    return 0;
}
