namespace MyAccount.Web.Email;

/// <summary>The <c>Email</c> settings. With <c>Email:Smtp:Host</c> set, mail goes over SMTP; otherwise to the pickup folder.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "SSO Portal <no-reply@myaccount.localhost>";

    public string PickupFolder { get; set; } = "mail-outbox";

    public SmtpOptions? Smtp { get; set; }

    public sealed class SmtpOptions
    {
        public string Host { get; set; } = "";
        public int Port { get; set; } = 25;
        public bool UseTls { get; set; }
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public static IServiceCollection AddMyAccountEmail(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        if (!Path.IsPathRooted(options.PickupFolder))
        {
            options.PickupFolder = Path.Combine(environment.ContentRootPath, options.PickupFolder);
        }

        services.AddSingleton(options);
        if (!string.IsNullOrWhiteSpace(options.Smtp?.Host))
        {
            services.AddSingleton<MyAccount.Domain.Notifications.IEmailSender, SmtpEmailSender>();
        }
        else if (environment.IsDevelopment() || configuration.GetValue("Email:AllowPickupFolder", false))
        {
            services.AddSingleton<MyAccount.Domain.Notifications.IEmailSender, PickupFolderEmailSender>();
        }
        else
        {
            throw new InvalidOperationException(
                "Email is not configured. Outside Development set Email:Smtp:Host (and Port, UseTls, UserName, Password, From), " +
                "or set Email:AllowPickupFolder=true to write messages to Email:PickupFolder on purpose.");
        }

        return services;
    }
}
