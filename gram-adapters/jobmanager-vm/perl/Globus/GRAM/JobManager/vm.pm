# Globus GRAM5 LRM adapter "vm": runs the job's executable (normally the VmMiddleware launcher,
# "vmgrid run workunit.xml ...") on the gatekeeper host, in the background, like the fork LRM.
#
# Each job runs under a small watcher process (its own session, so that cancel reaches the whole
# process group) that waits for the job and records its exit code twice: in the job directory, for
# poll, and as fork-SEG events in the fork starter's log (log_path of globus-fork.conf), so that a job
# manager started with "-seg-module fork" hands the exit code to the client. The GRAM script protocol
# has no field for an exit code: without the SEG a job that ran to its end is DONE whatever its code.
#
# cancel sends SIGTERM to the job's process group (the launcher checkpoints the VM on it) and SIGKILL
# after a grace period (RSL vm_cancel_grace, else cancel_grace in globus-vm.conf, else 60 seconds).

use Globus::GRAM::Error;
use Globus::GRAM::JobState;
use Globus::GRAM::JobManager;
use Globus::Core::Config;
use Config;
use Fcntl ();
use POSIX ();
use Sys::Hostname ();

package Globus::GRAM::JobManager::vm;

use strict;
use warnings;

our @ISA = qw(Globus::GRAM::JobManager);

my %signal_number;
# Set in BEGIN, which runs before any initialiser at file scope would.
my ($fork_log, $default_grace);
my $submitted = 0;

BEGIN
{
    my $i = 0;
    $signal_number{$_} = $i++ foreach split(' ', $Config::Config{sig_name});

    ($fork_log, $default_grace) = ('/dev/null', 60);
    my $fork_config = new Globus::Core::Config('${sysconfdir}/globus/globus-fork.conf');
    $fork_log = $fork_config->get_attribute('log_path') || '/dev/null' if $fork_config;
    my $vm_config = new Globus::Core::Config('${sysconfdir}/globus/globus-vm.conf');
    if ($vm_config) {
        my $grace = $vm_config->get_attribute('cancel_grace');
        $default_grace = $grace if defined($grace) && $grace =~ /^\d+$/;
    }
}

sub submit
{
    my $self = shift;
    my $description = $self->{JobDescription};

    my $directory = $description->directory();
    return Globus::GRAM::Error::RSL_DIRECTORY() if !defined($directory) || $directory eq '';
    $directory = "$ENV{HOME}/$directory" if $directory !~ m|^/|;
    return Globus::GRAM::Error::BAD_DIRECTORY() if !-d $directory;

    my $executable = $description->executable();
    return Globus::GRAM::Error::RSL_EXECUTABLE() if !defined($executable) || $executable eq '';
    $executable = "$directory/$executable" if $executable !~ m:^(/|\.):;
    return Globus::GRAM::Error::EXECUTABLE_NOT_FOUND() if !-e $executable;
    return Globus::GRAM::Error::EXECUTABLE_PERMISSIONS() if !-f $executable || !-x $executable;

    my @arguments = $description->arguments();
    foreach (@arguments) {
        return Globus::GRAM::Error::RSL_ARGUMENTS() if ref($_);
    }

    my %environment;
    foreach my $pair ($description->environment()) {
        return Globus::GRAM::Error::RSL_ENVIRONMENT() if !ref($pair) || scalar(@$pair) != 2;
        $environment{$pair->[0]} = $pair->[1];
    }

    my $count = $description->count();
    return Globus::GRAM::Error::INVALID_COUNT() if defined($count) && (ref($count) || $count ne '1');
    my $jobtype = $description->jobtype();
    return Globus::GRAM::Error::JOBTYPE_NOT_SUPPORTED()
        if defined($jobtype) && $jobtype ne 'single' && $jobtype ne 'multiple';

    my $stdin = $description->stdin();
    $stdin = '/dev/null' if !defined($stdin) || $stdin eq '';
    return Globus::GRAM::Error::STDIN_NOT_FOUND() if !-r $stdin;
    my $stdout = $description->stdout();
    my $stderr = $description->stderr();
    $stdout = '/dev/null' if !defined($stdout) || $stdout eq '';
    $stderr = '/dev/null' if !defined($stderr) || $stderr eq '';

    my $grace = $description->vm_cancel_grace();
    $grace = $default_grace if !defined($grace) || $grace eq '';
    if (ref($grace) || $grace !~ /^\d+$/ || $grace > 3600) {
        $self->respond({GT3_FAILURE_MESSAGE => "vm_cancel_grace must be a whole number of seconds from 0 to 3600"});
        return Globus::GRAM::Error::RSL_EVALUATION_FAILED();
    }

    $submitted++;
    my $tag = join('-', 'vm', (split(/\./, Sys::Hostname::hostname()))[0], time(), $$, $submitted);
    my $exit_file = $self->job_dir() . "/vm-exit";

    local (*READER, *WRITER);
    pipe(READER, WRITER) or return $self->fail_with("pipe: $!");
    my $middle = fork();
    return $self->fail_with("fork: $!") if !defined($middle);
    if ($middle == 0) {
        close(READER);
        # The watcher is a grandchild of this long-lived script, so it is never left a zombie here.
        my $watcher = fork();
        POSIX::_exit(defined($watcher) ? 0 : 1) if !defined($watcher) || $watcher != 0;
        watch($tag, $directory, \%environment, [$executable, @arguments], $stdin, $stdout, $stderr, $exit_file, *WRITER);
    }

    close(WRITER);
    my $reply = <READER>;
    close(READER);
    waitpid($middle, 0);
    $reply = 'FAIL:the job watcher did not start' if !defined($reply);
    chomp($reply);
    my ($status, $value) = split(/:/, $reply, 2);
    return $self->fail_with($value) if $status ne 'OK';

    my $job_id = "$tag:$value";
    $description->add('jobid', $job_id);
    $self->write_grace($value, $grace);
    return { JOB_STATE => Globus::GRAM::JobState::ACTIVE, JOB_ID => $job_id };
}

sub poll
{
    my $self = shift;
    my $job_id = $self->{JobDescription}->jobid();
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($job_id);
    my $pid = watcher_pid($job_id);

    my $exit_file = $self->job_dir() . "/vm-exit";
    if (open(my $fh, '<', $exit_file)) {
        my $line = <$fh>;
        close($fh);
        if (defined($line) && $line =~ /^(exit|signal) (\d+)$/) {
            $self->log("job $job_id ended: $1 $2");
            return { JOB_STATE => $1 eq 'exit' ? Globus::GRAM::JobState::DONE : Globus::GRAM::JobState::FAILED };
        }
    }

    return { JOB_STATE => Globus::GRAM::JobState::ACTIVE } if defined($pid) && kill(0, $pid);
    $self->log("job $job_id is gone without an exit record");
    return { JOB_STATE => Globus::GRAM::JobState::FAILED };
}

sub cancel
{
    my $self = shift;
    my $job_id = $self->{JobDescription}->jobid();
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($job_id);
    my $pid = watcher_pid($job_id);
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($pid);

    my $grace = $self->read_grace($pid);
    $self->log("cancel job $job_id: SIGTERM now, SIGKILL after $grace s");
    # The watcher leads its own process group: signal the group, which holds the job and its children.
    kill(-$signal_number{TERM}, $pid);
    if ($grace > 0 && kill(0, $pid)) {
        # Do not hold the job manager for the grace period: a detached process finishes the job.
        my $middle = fork();
        if (defined($middle) && $middle == 0) {
            my $killer = fork();
            POSIX::_exit(0) if !defined($killer) || $killer != 0;
            POSIX::setsid();
            open(STDIN, '<', '/dev/null');
            open(STDOUT, '>', '/dev/null');
            open(STDERR, '>', '/dev/null');
            for (my $waited = 0; $waited < $grace && kill(0, $pid); $waited++) {
                sleep(1);
            }
            kill(-$signal_number{KILL}, $pid) if kill(0, $pid);
            POSIX::_exit(0);
        }
        waitpid($middle, 0) if defined($middle);
    } else {
        kill(-$signal_number{KILL}, $pid);
    }

    return { JOB_STATE => Globus::GRAM::JobState::FAILED };
}

# Runs in the watcher: starts the job in a new session, reports its pid (or why it could not start)
# on $report, then waits for it and records how it ended. Never returns.
sub watch
{
    my ($tag, $directory, $environment, $command, $stdin, $stdout, $stderr, $exit_file, $report) = @_;
    POSIX::setsid();
    my $job_id = "$tag:$$";

    local (*ERR_READER, *ERR_WRITER);
    pipe(ERR_READER, ERR_WRITER);
    my $job = fork();
    if (!defined($job)) {
        print $report "FAIL:fork: $!\n";
        POSIX::_exit(1);
    }
    if ($job == 0) {
        close(ERR_READER);
        # ERR_WRITER closes on exec, so the watcher reads end-of-file when exec succeeds.
        fcntl(ERR_WRITER, Fcntl::F_SETFD(), Fcntl::FD_CLOEXEC());
        %ENV = %$environment;
        if (!chdir($directory)
            || !open(STDIN, '<', $stdin)
            || !open(STDOUT, '>>', $stdout)
            || !open(STDERR, '>>', $stderr)) {
            print ERR_WRITER "cannot prepare the job: $!\n";
            POSIX::_exit(127);
        }
        { exec { $command->[0] } @$command; }
        print ERR_WRITER "exec $command->[0]: $!\n";
        POSIX::_exit(127);
    }

    close(ERR_WRITER);
    my $error = <ERR_READER>;
    close(ERR_READER);
    if (defined($error)) {
        chomp($error);
        waitpid($job, 0);
        print $report "FAIL:$error\n";
        POSIX::_exit(1);
    }

    seg_event($job_id, Globus::GRAM::JobState::ACTIVE, 0);
    print $report "OK:$$\n";
    close($report);
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>', '/dev/null');
    open(STDERR, '>', '/dev/null');
    # The watcher must outlive cancel's SIGTERM to the group, to record the end.
    $SIG{$_} = 'IGNORE' foreach qw(TERM INT HUP);

    waitpid($job, 0);
    my $status = $?;
    my ($how, $code) = ($status & 127) ? ('signal', $status & 127) : ('exit', $status >> 8);
    if (open(my $fh, '>', "$exit_file.tmp")) {
        print $fh "$how $code\n";
        close($fh);
        rename("$exit_file.tmp", $exit_file);
    }
    seg_event($job_id, Globus::GRAM::JobState::DONE, $how eq 'exit' ? $code : 128 + $code);
    POSIX::_exit(0);
}

# Appends one event in the fork starter's log format, which the fork SEG module reads.
sub seg_event
{
    my ($job_id, $state, $code) = @_;
    return if $fork_log eq '/dev/null';
    if (open(my $log, '>>', $fork_log)) {
        flock($log, 2);
        printf $log "001;%d;%s;%d;%d\n", time(), $job_id, $state, $code;
        close($log);
    }
}

sub watcher_pid
{
    my $job_id = shift;
    return $job_id =~ /:(\d+)$/ ? $1 : undef;
}

sub write_grace
{
    my ($self, $pid, $grace) = @_;
    if (open(my $fh, '>', $self->job_dir() . "/vm-grace")) {
        print $fh "$grace\n";
        close($fh);
    }
}

sub read_grace
{
    my ($self, $pid) = @_;
    my $grace = $self->{JobDescription}->vm_cancel_grace();
    return $grace if defined($grace) && $grace =~ /^\d+$/;
    if (open(my $fh, '<', $self->job_dir() . "/vm-grace")) {
        my $line = <$fh>;
        close($fh);
        return $1 if defined($line) && $line =~ /^(\d+)$/;
    }
    return $default_grace;
}

sub fail_with
{
    my ($self, $message) = @_;
    $self->respond({GT3_FAILURE_MESSAGE => "vm: $message"});
    return Globus::GRAM::Error::JOB_EXECUTION_FAILED();
}

1;
