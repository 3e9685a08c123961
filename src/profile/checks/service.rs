//! The ECS service: image, names, port, Fargate size and task counts.

use super::{check_name, problem, Problem};
use crate::facts::aws::*;
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let s = &p.service;
    match s.image.as_deref() {
        Some("") => out.push(problem(
            "service.image",
            "the image reference is empty",
            "remove service.image to deploy the pet service petgen builds, or name an image",
        )),
        Some(image) if !is_image_reference(image) => out.push(problem(
            "service.image",
            format!("{image:?} is not a valid image reference"),
            "use [registry/]repository[:tag][@sha256:digest] with a lowercase repository",
        )),
        _ => {}
    }
    if !(1..=1000).contains(&s.keep_images) {
        out.push(problem(
            "service.keep_images",
            format!("{} is outside 1-1000", s.keep_images),
            "keep enough images to roll back, e.g. keep_images = 10",
        ));
    }
    for (i, arg) in s.health_check.iter().flatten().enumerate() {
        if arg.trim().is_empty() {
            out.push(problem(
                format!("service.health_check[{i}]"),
                "a health check argument is empty",
                "give the command and its arguments, e.g. [\"/petstore\", \"healthcheck\"]",
            ));
        }
    }
    let ecs_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if let Some(n) = &s.cluster_name {
        check_name(
            out,
            "service.cluster_name",
            n,
            1,
            255,
            ecs_char,
            "letters, digits, '-' and '_'",
        );
    }
    if let Some(n) = &s.service_name {
        check_name(
            out,
            "service.service_name",
            n,
            1,
            255,
            ecs_char,
            "letters, digits, '-' and '_'",
        );
    }
    if s.container_port == 0 || s.container_port > 65535 {
        out.push(problem(
            "service.container_port",
            format!("port {} is outside 1-65535", s.container_port),
            "use the port the container listens on, e.g. 8080",
        ));
    }
    match fargate_memory_options(s.cpu) {
        None => out.push(problem(
            "service.cpu",
            format!("{} is not a Fargate CPU value", s.cpu),
            "use 256, 512, 1024, 2048, 4096, 8192 or 16384",
        )),
        Some(options) if !options.contains(&s.memory) => out.push(problem(
            "service.memory",
            format!(
                "Fargate does not offer {} MiB with cpu = {}",
                s.memory, s.cpu
            ),
            format!(
                "with cpu = {} use memory between {} and {} MiB{}",
                s.cpu,
                options[0],
                options[options.len() - 1],
                if options.len() > 1 {
                    format!(" in steps of {}", options[1] - options[0])
                } else {
                    String::new()
                }
            ),
        )),
        Some(_) => {}
    }
    if s.max_count == 0 {
        out.push(problem(
            "service.max_count",
            "max_count must be at least 1",
            "set max_count >= 1",
        ));
    }
    if s.min_count > s.desired_count {
        out.push(problem(
            "service.desired_count",
            format!(
                "desired_count {} is below min_count {}",
                s.desired_count, s.min_count
            ),
            "keep min_count <= desired_count <= max_count",
        ));
    }
    if s.desired_count > s.max_count {
        out.push(problem(
            "service.desired_count",
            format!(
                "desired_count {} is above max_count {}",
                s.desired_count, s.max_count
            ),
            "keep min_count <= desired_count <= max_count",
        ));
    }
    if !(1..=100).contains(&s.cpu_target_percent) {
        out.push(problem(
            "service.cpu_target_percent",
            format!(
                "{} is not a percentage between 1 and 100",
                s.cpu_target_percent
            ),
            "e.g. cpu_target_percent = 70",
        ));
    }
}
